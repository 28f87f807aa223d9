package io.kato.api.model;

/**
 * What kind of storage a {@link Volume} is.
 *
 * <ul>
 *   <li>{@code share_file}: one store every instance of the component reads and writes;
 *       its data outlives stops, restarts and upgrades, and goes with the component.</li>
 *   <li>{@code local}: each instance its own store, kept with that instance's identity
 *       across restarts; only for stateful deploy types (whose instances have one).</li>
 *   <li>{@code memory}: scratch space in memory, empty at every instance start.</li>
 *   <li>{@code config_file}: a text file the component reads, its content kept by Kato.</li>
 * </ul>
 */
public enum VolumeType {
    SHARE_FILE, LOCAL, MEMORY, CONFIG_FILE;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
