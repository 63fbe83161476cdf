package com.example.pickup;

import java.net.IDN;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** An address as an envelope carries it: bare, its domain in IDNA ({@code xn--}) form. */
final class EnvelopeAddress {

    private EnvelopeAddress() {
    }

    static String of(String address) {
        String bare;
        try {
            bare = new InternetAddress(address, false).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("PICKUP-2: invalid address", e); // refused whatever fail-silently says
        }
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare : bare.substring(0, at + 1) + IDN.toASCII(bare.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    }
}
