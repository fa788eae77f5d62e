package dev.xent.spark;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;

/**
 * The measures H(P), H(P, Q) and KL(P ‖ Q) on array columns, in nats, as Spark column functions.
 * Each array is validated as a {@link Distribution} (finite entries in [0, 1] summing to 1 within
 * {@link Distribution#sumTolerance(int)}), so a bad array stops the job with the API's message, the
 * arrays and the partition ({@link BadRowException}). A null array gives null (SQL's rule for
 * functions of a null); a null entry is a bad row. The backend is each executor's
 * {@link Backends#defaultBackend()}, looked up once per JVM: {@code -Dxent.backend=ID} in
 * {@code spark.executor.extraJavaOptions} chooses it.
 */
final class Measures {

    private static volatile InformationMeasures backend;

    private Measures() {
    }

    /** This JVM's default backend, looked up on first use. */
    static InformationMeasures backend() {
        InformationMeasures b = backend;
        if (b == null) {
            b = Backends.defaultBackend();
            backend = b;
        }
        return b;
    }

    private static double[] doubles(scala.collection.Seq<?> seq, String function, String what,
            String row) {
        double[] out = new double[seq.length()];
        for (int i = 0; i < out.length; i++) {
            Object v = seq.apply(i);
            if (!(v instanceof Number)) {
                throw new BadRowException(function, new IllegalArgumentException(what + " entry "
                        + i + " is " + v + ", not a number"), row,
                        BadRowException.currentPartition());
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    private static Distribution distribution(scala.collection.Seq<?> seq, String function,
            String what, String row) {
        double[] p = doubles(seq, function, what, row);
        try {
            return Distribution.of(p);
        } catch (IllegalArgumentException e) {
            throw new BadRowException(function, new IllegalArgumentException(what + ": "
                    + e.getMessage(), e), row, BadRowException.currentPartition());
        }
    }

    private static String text(String name, scala.collection.Seq<?> seq) {
        return name + "=" + seq.mkString("[", ", ", "]");
    }

    /** H(P) in nats: {@code xent_entropy(p)}. */
    static final class Entropy implements UDF1<scala.collection.Seq<?>, Double> {

        private static final long serialVersionUID = 1L;

        @Override
        public Double call(scala.collection.Seq<?> p) {
            if (p == null) {
                return null;
            }
            Distribution d = distribution(p, "xent_entropy", "P", text("p", p));
            return backend().entropy(d, LogBase.NATS);
        }
    }

    /** H(P, Q) or KL(P ‖ Q) in nats. */
    static final class Pair implements UDF2<scala.collection.Seq<?>, scala.collection.Seq<?>, Double> {

        private static final long serialVersionUID = 1L;

        private final boolean kl;

        Pair(boolean kl) {
            this.kl = kl;
        }

        String name() {
            return kl ? "xent_kl_divergence" : "xent_cross_entropy";
        }

        @Override
        public Double call(scala.collection.Seq<?> p, scala.collection.Seq<?> q) {
            if (p == null || q == null) {
                return null;
            }
            String row = text("p", p) + ", " + text("q", q);
            Distribution dp = distribution(p, name(), "P", row);
            Distribution dq = distribution(q, name(), "Q", row);
            try {
                return kl ? backend().klDivergence(dp, dq, LogBase.NATS)
                        : backend().crossEntropy(dp, dq, LogBase.NATS);
            } catch (IllegalArgumentException e) {
                throw new BadRowException(name(), e, row, BadRowException.currentPartition());
            }
        }
    }
}
