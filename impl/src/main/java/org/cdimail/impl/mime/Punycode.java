package org.cdimail.impl.mime;

/**
 * The Punycode encoding of RFC 3492, section 6.3, for a label that is already mapped and
 * normalised. {@code java.net.IDN} has no public encoder that skips its own IDNA2003 mapping, which
 * would turn the deviation characters that UTS #46 keeps ({@code ß}, {@code ς}, ZWJ, ZWNJ) into
 * something else.
 */
final class Punycode {

    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;

    private Punycode() {
    }

    /**
     * The Punycode form of {@code label}, without the {@code xn--} prefix.
     *
     * @param label a label of Unicode code points
     * @return the basic code points, a delimiter when there were any, then the encoded rest
     * @throws IllegalArgumentException if the result would overflow (a label far over 63 octets)
     */
    static String encode(String label) {
        int[] cps = label.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int cp : cps) {
            if (cp < INITIAL_N) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        int delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < cps.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta = Math.addExact(delta, Math.multiplyExact(m - n, handled + 1));
            n = m;
            for (int cp : cps) {
                if (cp < n) {
                    delta = Math.addExact(delta, 1);
                } else if (cp == n) {
                    int q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = k <= bias ? TMIN : Math.min(k - bias, TMAX);
                        if (q < t) {
                            break;
                        }
                        out.append(digit(t + (q - t) % (BASE - t)));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit(q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static int adapt(int delta, int points, boolean first) {
        int d = first ? delta / DAMP : delta / 2;
        d += d / points;
        int k = 0;
        while (d > ((BASE - TMIN) * TMAX) / 2) {
            d /= BASE - TMIN;
            k += BASE;
        }
        return k + (BASE - TMIN + 1) * d / (d + SKEW);
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }
}
