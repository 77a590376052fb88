package io.tollgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.platform.net.AddressClass;
import io.tollgate.platform.net.AddressPolicy;
import io.tollgate.platform.net.HostResolver;
import io.tollgate.platform.net.RejectedUrlException;
import io.tollgate.platform.net.UrlPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPolicyTest {

    private static final Map<String, String> DNS = Map.of("api.example.test", "93.184.216.34",
            "vllm.corp.test", "10.20.30.40", "sneaky.test", "169.254.169.254", "mapped.test", "::ffff:192.168.0.1");

    private static final HostResolver FAKE_DNS = host -> {
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return List.of(InetAddress.getByName(host));
        }
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "8.8.8.8, PUBLIC", "93.184.216.34, PUBLIC", "2606:4700::1111, PUBLIC",
            "127.0.0.1, LOOPBACK", "127.8.9.10, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
            "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
            "100.64.0.1, PRIVATE", "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "172.32.0.1, PUBLIC",
            "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL", "fd00:ec2::254, LINK_LOCAL",
            "::ffff:169.254.169.254, LINK_LOCAL", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "64:ff9b::808:808, PUBLIC",
            "0.0.0.0, NON_ROUTABLE", ":: , NON_ROUTABLE", "224.0.0.1, NON_ROUTABLE", "255.255.255.255, NON_ROUTABLE",
            "ff02::1, NON_ROUTABLE" })
    void addressesAreClassified(String address, AddressClass expected) throws Exception {
        assertThat(AddressPolicy.classify(InetAddress.getByName(address.strip()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "http://169.254.169.254/latest/meta-data, link-local",
            "http://[fd00:ec2::254]/latest, link-local",
            "http://metadata.google.internal/computeMetadata/v1, metadata",
            "http://METADATA.GOOGLE.INTERNAL./, metadata",
            "http://sneaky.test/, link-local",
            "ftp://api.example.test/, http or https",
            "gopher://api.example.test/, http or https",
            "api.example.test/v1, http or https",
            "https://user:pw@api.example.test/, user info",
            "https://token@api.example.test/, user info",
            "http://127.0.0.1:11434, loopback",
            "http://[::1]/, loopback",
            "http://[::ffff:127.0.0.1]/, loopback",
            "http://10.0.0.8/, private network",
            "http://vllm.corp.test:8000/v1, private network",
            "http://mapped.test/, private network",
            "http://0.0.0.0/, unspecified",
            "https://unknown.test/, does not resolve",
            "'', is required",
            "http://exa mple.com/, not a valid URL",
            "http:///path-only, must name a host" })
    void unsafeUrlsAreRejectedByDefault(String url, String reason) {
        UrlPolicy strict = new UrlPolicy(false, false, FAKE_DNS);
        assertThatThrownBy(() -> strict.vet(url)).isInstanceOf(RejectedUrlException.class).hasMessageContaining(reason);
    }

    @Test
    void publicUrlsPassWithTheirAddresses() {
        var vetted = new UrlPolicy(false, false, FAKE_DNS).vet(" https://api.example.test/v1 ");
        assertThat(vetted.uri().getHost()).isEqualTo("api.example.test");
        assertThat(vetted.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    }

    @Test
    void privateAndLoopbackPassOnlyWhenAllowedAndMetadataNever() {
        UrlPolicy selfHosted = new UrlPolicy(true, false, FAKE_DNS);
        assertThat(selfHosted.vet("http://vllm.corp.test:8000/v1").addresses()).hasSize(1);
        assertThatThrownBy(() -> selfHosted.vet("http://127.0.0.1:11434")).hasMessageContaining("loopback");
        UrlPolicy laptop = new UrlPolicy(false, true, FAKE_DNS);
        assertThat(laptop.vet("http://127.0.0.1:11434").addresses()).hasSize(1);
        assertThatThrownBy(() -> laptop.vet("http://10.0.0.8")).hasMessageContaining("private");
        UrlPolicy everything = new UrlPolicy(true, true, FAKE_DNS);
        assertThatThrownBy(() -> everything.vet("http://169.254.169.254/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> everything.vet("http://metadata.google.internal/")).hasMessageContaining("metadata");
    }

    @Test
    void connectTimeCheckCatchesDnsRebinding() throws Exception {
        Deque<InetAddress> answers = new ArrayDeque<>(List.of(InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("169.254.169.254")));
        UrlPolicy policy = new UrlPolicy(false, false, host -> List.of(answers.pop()));
        assertThat(policy.vet("https://rebind.test/v1").addresses()).hasSize(1);
        assertThatThrownBy(() -> policy.addressesOf("rebind.test")).hasMessageContaining("link-local");
    }

    @Test
    void aHostWithAnyBlockedAddressIsRejectedAndOneWithNoneDoesNotResolve() throws Exception {
        List<InetAddress> mixed = List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1"));
        assertThatThrownBy(() -> new UrlPolicy(false, false, host -> mixed).addressesOf("mixed.test"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> new UrlPolicy(false, false, host -> List.of()).addressesOf("empty.test"))
                .hasMessageContaining("does not resolve");
    }
}
