/** Reading policy documents: YAML files with the line of every field, JSON Schema validation per kind. */
package io.tollgate.policy.internal.documents;
