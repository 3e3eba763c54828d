package io.xoal.events.ingest.partition;

/** Advisory lock keys of partition maintenance, one per purpose, so that they never collide with each other. */
final class Keys {

    /** Serialises partition DDL across replicas ("xoalpart"). */
    static final long DDL = 0x786f616c70617274L;

    /** Orders dedup generations: shared by flushes, exclusive for the switch to a new day ("xoaldedp"). */
    static final long DEDUP = 0x786f616c64656470L;

    private Keys() {
    }
}
