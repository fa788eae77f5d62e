package dev.xent.loss;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The names of the K classes of a categorical loss, in column order: class k is column k of each
 * prediction row.
 *
 * <p>scikit-learn's {@code log_loss} orders the columns of {@code y_pred} by the <em>sorted</em>
 * labels ({@code LabelBinarizer}), whether the labels are inferred from {@code y_true} or given
 * with {@code labels=}; {@link #sorted(Collection)} reproduces that, and a label set wider than
 * the labels present in the data is allowed (a class no example has still has its column).
 * {@link #inOrder(String...)} keeps the order given, for data whose columns are in another order.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClassLabels {

    private final List<String> names;
    private final Map<String, Integer> index;

    private ClassLabels(List<String> names) {
        if (names.size() < 2) {
            throw new IllegalArgumentException("a classification loss needs at least 2 classes, got "
                    + names.size() + " " + names + "; with one label present in the data, pass the"
                    + " full label set");
        }
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("class label at index " + i + " is blank");
            }
            if (map.put(name, i) != null) {
                throw new IllegalArgumentException("class label '" + name + "' at index " + i
                        + " is repeated; labels must be distinct");
            }
        }
        this.names = List.copyOf(names);
        this.index = Map.copyOf(map);
    }

    /**
     * The distinct labels in sorted ({@link String#compareTo}) order, as scikit-learn orders its
     * columns for string labels. Labels are sorted as text, so {@code "10"} comes before
     * {@code "2"}; scikit-learn sorts numeric labels numerically — give numeric classes as class
     * indices instead.
     *
     * @param labels the labels, e.g. the true labels of a dataset (duplicates allowed)
     * @return the sorted distinct labels
     * @throws IllegalArgumentException if fewer than 2 distinct labels, or one is blank
     */
    public static ClassLabels sorted(Collection<String> labels) {
        Objects.requireNonNull(labels, "labels");
        for (String l : labels) {
            Objects.requireNonNull(l, "a class label is null");
        }
        return new ClassLabels(new ArrayList<>(new TreeSet<>(labels)));
    }

    /**
     * The labels in the order given: class k is {@code labels[k]}.
     *
     * @param labels distinct, non-blank labels, at least 2
     * @return the labels
     * @throws IllegalArgumentException if fewer than 2, blank or repeated
     */
    public static ClassLabels inOrder(String... labels) {
        return new ClassLabels(List.of(labels));
    }

    /**
     * The number of classes K.
     *
     * @return K, at least 2
     */
    public int size() {
        return names.size();
    }

    /**
     * The name of class k.
     *
     * @param k the class index, {@code 0 <= k < size()}
     * @return its label
     */
    public String name(int k) {
        return names.get(k);
    }

    /**
     * All labels in column order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return names;
    }

    /**
     * The column of a label.
     *
     * @param label a label
     * @return its class index
     * @throws IllegalArgumentException if the label is not one of these, listing them
     */
    public int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("label '" + label + "' is not one of the classes "
                    + names);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassLabels && ((ClassLabels) o).names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /** The labels in column order, e.g. {@code [ham, spam]}. */
    @Override
    public String toString() {
        return names.toString();
    }
}
