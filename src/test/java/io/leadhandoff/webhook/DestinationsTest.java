package io.leadhandoff.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The request-forgery guard without the network: host names resolve through a stand-in resolver. */
class DestinationsTest {

    private final AtomicReference<String> address = new AtomicReference<>("93.184.216.34");
    private final Destinations destinations = new Destinations(List.of("hooks.internal", "10.20.0.0/16", "192.0.2.7"),
            host -> new InetAddress[] {InetAddress.getByName(address.get())});

    @Test
    void aPublicHttpsHostPasses() throws Exception {
        assertThat(destinations.check("https://hooks.example.com/x").getHost()).isEqualTo("hooks.example.com");
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefused() {
        for (String a : List.of("127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "::1", "fd12::1",
                "fe80::1", "::ffff:10.0.0.1", "0.0.0.0")) {
            address.set(a);
            assertThatThrownBy(() -> destinations.check("https://hooks.example.com/x")).as(a)
                    .isInstanceOf(Destinations.Refused.class).hasMessageContaining("resolves to");
        }
    }

    @Test
    void aNameRepointedAtAPrivateAddressAfterTheFirstCheckIsRefusedOnTheNext() throws Exception {
        destinations.check("https://rebind.example.com/x");
        address.set("10.0.0.5");
        assertThatThrownBy(() -> destinations.check("https://rebind.example.com/x")).isInstanceOf(Destinations.Refused.class);
    }

    @Test
    void allowedNamesRangesAndAddressesPassOverHttpToo() throws Exception {
        address.set("10.0.0.5");
        destinations.check("http://hooks.internal:8080/x");
        destinations.check("http://10.20.3.4/x");
        destinations.check("https://192.0.2.7/x");
        assertThatThrownBy(() -> destinations.check("https://10.21.0.1/x")).isInstanceOf(Destinations.Refused.class);
    }

    @Test
    void anAllowedAddressDoesNotAllowANameThatResolvesToIt() {
        address.set("10.20.1.1");
        assertThatThrownBy(() -> destinations.check("https://sneaky.example.com/x")).isInstanceOf(Destinations.Refused.class);
    }

    @Test
    void plainHttpToAPublicHostIsRefused() {
        assertThatThrownBy(() -> destinations.check("http://hooks.example.com/x")).hasMessageContaining("https");
    }

    @Test
    void anUnresolvableHostIsRefused() {
        Destinations failing = new Destinations(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> failing.check("https://nowhere.example/x")).hasMessageContaining("does not resolve");
    }
}
