package io.tollgate.policy.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object as Git declares it or as the platform holds it: its name and its {@code spec}, holding only the fields
 * Git manages (never secrets or runtime state such as credentials, key secrets, usage or last-used times).
 */
public record PolicyObject(ObjectRef ref, ObjectNode spec) {
}
