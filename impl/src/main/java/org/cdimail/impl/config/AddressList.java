package org.cdimail.impl.config;

import static org.cdimail.impl.ImplError.MALFORMED_ADDRESS_LIST;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Parses {@code mail.admins} and {@code mail.managers}: comma-separated RFC 5322 addresses. */
final class AddressList {

    private AddressList() {
    }

    /**
     * Parses {@code value}, as {@code "Ada <ada@example.com>, bob@example.com"}; a comma inside a
     * quoted display name does not split.
     *
     * @throws InvalidSettingException naming {@code key}, never the value
     */
    static List<String> parse(String key, String value) {
        if (value.isBlank()) {
            return List.of();
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            throw malformed(key, "it contains a line break");
        }
        try {
            List<String> addresses = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parse(value, true)) {
                address.validate();
                if (address.getAddress().indexOf('@') < 1) {
                    throw malformed(key, "every address needs a domain");
                }
                addresses.add(address.toUnicodeString());
            }
            return List.copyOf(addresses);
        } catch (AddressException e) {
            throw malformed(key, "it is not a comma-separated list of RFC 5322 addresses");
        }
    }

    private static InvalidSettingException malformed(String key, String why) {
        return new InvalidSettingException(key, MALFORMED_ADDRESS_LIST.message(key + " is malformed: " + why
                + " (expected: addresses separated by commas, each optionally with a display name)"));
    }
}
