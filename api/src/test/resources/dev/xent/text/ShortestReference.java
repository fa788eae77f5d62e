import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The reference of DecimalsProperties, run by a JDK 19 or newer as a source-file program:
 * {@code java ShortestReference.java < bits > decimals}. Each input line is the bit pattern of a
 * double in hexadecimal; each output line is {@code Double.toString} of it, which since JDK 19 is
 * Raffaello Giulietti's Schubfach: the shortest decimal that rounds to the double, the closest to
 * it among those (ties to an even digit), never fewer than two digits.
 */
public class ShortestReference {
    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 19) {
            throw new IllegalStateException("needs JDK 19+ (Schubfach Double.toString), this is "
                    + Runtime.version());
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII), 1 << 16);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
        String line;
        while ((line = in.readLine()) != null) {
            out.write(Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(line, 16))));
            out.write('\n');
        }
        out.flush();
    }
}
