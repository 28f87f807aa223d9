package io.kato.api.model;

/** Where a component comes from. */
public enum SourceKind {
    SOURCE, IMAGE, TEMPLATE, THIRD_PARTY;

    @Override
    public String toString() {
        return WireEnum.name(this);
    }
}
