package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.model.VaultRef;
import java.util.AbstractList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The vaults of a list that the caller may read, as ARM filters collection reads by RBAC. Holds
 * only the positions of readable vaults (an int per vault), never the vaults of a large tenant.
 */
final class ReadableVaults extends AbstractList<VaultRef> {
    private final List<VaultRef> all;
    private final int[] positions;

    ReadableVaults(List<VaultRef> all, Predicate<VaultRef> readable) {
        this.all = all;
        int[] found = new int[all.size()];
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            if (readable.test(all.get(i))) {
                found[n++] = i;
            }
        }
        this.positions = java.util.Arrays.copyOf(found, n);
    }

    @Override
    public VaultRef get(int index) {
        return all.get(positions[index]);
    }

    @Override
    public int size() {
        return positions.length;
    }
}
