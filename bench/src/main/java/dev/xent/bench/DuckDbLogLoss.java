package dev.xent.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * DuckDB as {@code bench/compare}'s peer for the CSV job: the log loss of a predictions file, the
 * way a DuckDB user writes it. The file has a header, an integer column {@code label} holding the
 * true class's 0-based index, and K class columns {@code c0 … c(K−1)} holding probabilities; the
 * query is
 *
 * <pre>
 * SELECT avg(-ln(CASE label WHEN 0 THEN c0 … END)) FROM read_csv(FILE)
 * </pre>
 *
 * that is the mean of −ln q<sub>y</sub> in nats, DuckDB's CSV sniffer choosing the column types
 * (it reads the class columns as {@code DOUBLE}). Prints one line of JSON,
 * {@code {"value": MEAN, "threads": T, "rows": N, "version": "…"}}, with the mean in Java's shortest
 * round-trip form, the number of threads DuckDB ran with (its default is every core), the number of
 * rows and DuckDB's version.
 *
 * <p>Run with {@code java -cp bench/target/classes:$(cat bench/target/duckdb.classpath)
 * dev.xent.bench.DuckDbLogLoss FILE K [THREADS]}. DuckDB runs in memory, embedded in this JVM (the
 * driver's jar carries its native library); automatic installation of extensions is switched off,
 * so the run never touches the network (the CSV reader is built in).
 */
public final class DuckDbLogLoss {

    private DuckDbLogLoss() {
    }

    /**
     * Runs the query and prints the result.
     *
     * @param args the CSV file, the number of classes K, and optionally DuckDB's thread count
     * @throws SQLException if DuckDB cannot read the file or run the query
     */
    public static void main(String[] args) throws SQLException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: DuckDbLogLoss FILE CLASSES [THREADS], got "
                    + args.length + " arguments");
        }
        String file = args[0];
        int classes = Integer.parseInt(args[1]);
        if (classes < 1) {
            throw new IllegalArgumentException("CLASSES must be at least 1, got " + classes);
        }
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        if (args.length == 3) {
            settings.setProperty("threads", Integer.toString(Integer.parseInt(args[2])));
        }
        StringBuilder pick = new StringBuilder("CASE label");
        for (int k = 0; k < classes; k++) {
            pick.append(" WHEN ").append(k).append(" THEN c").append(k);
        }
        pick.append(" END");
        String sql = "SELECT avg(-ln(" + pick + ")), count(*), current_setting('threads'), version()"
                + " FROM read_csv(?)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:", settings);
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, file);
            try (ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("DuckDB returned no row for " + file);
                }
                System.out.println(String.format(Locale.ROOT,
                        "{\"value\": %s, \"rows\": %d, \"threads\": %d, \"version\": \"%s\"}",
                        Double.toString(r.getDouble(1)), r.getLong(2), r.getLong(3), r.getString(4)));
            }
        }
    }
}
