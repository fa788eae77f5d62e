package example;

// README:begin use-it
import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;

public final class Example {
    public static void main(String[] args) {
        Distribution p = Distribution.of(0.10, 0.40, 0.50).withLabels("red", "green", "blue");
        Distribution q = Distribution.of(0.80, 0.15, 0.05).withLabels("red", "green", "blue");

        InformationMeasures xent = Backends.defaultBackend();  // the most accurate one installed
        System.out.println(xent.crossEntropy(p, q, LogBase.BITS));             // 3.2879430945989
        System.out.println(xent.entropy(p, LogBase.BITS));                     // 1.3609640474436813
        System.out.println(xent.klDivergence(p, q, LogBase.BITS));             // 1.9269790471552188
        System.out.println(xent.jensenShannonDivergence(p, q, LogBase.BITS));  // 0.42020057037637326
        System.out.println(xent.entropy(Distribution.oneHot(3, 1), LogBase.BITS));  // 0.0, exactly
    }
}
// README:end use-it
