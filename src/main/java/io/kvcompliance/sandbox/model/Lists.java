package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/** Null-to-empty normalisation for fixture collections, so handlers never test for null. */
public final class Lists {
    private Lists() {
    }

    /** An absent list in a fixture means an empty one; lazy generated lists are kept as they are. */
    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    public static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
