package io.xoal.events.workspace;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which keys the first workspace gets: production never generates (so never logs) a key. */
class BootstrapKeysTest {

    private static final String ADMIN = "adm_" + "a".repeat(32);
    private static final String INGEST = "ing_" + "b".repeat(32);

    @Test
    void productionRefusesToGenerateBootstrapKeys() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> BootstrapKeys.resolve(config(null, null), false));
        assertTrue(refused.getMessage().contains("XOAL_BOOTSTRAP_ADMIN_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("XOAL_BOOTSTRAP_INGEST_KEY"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> BootstrapKeys.resolve(config(ADMIN, null), false));
    }

    @Test
    void productionUsesTheConfiguredKeys() {
        BootstrapKeys keys = BootstrapKeys.resolve(config(ADMIN, INGEST), false);
        assertEquals(ADMIN, keys.admin());
        assertEquals(INGEST, keys.ingest());
        assertFalse(BootstrapKeys.missing(config(ADMIN, INGEST)));
    }

    @Test
    void devAndTestGenerateMissingKeys() {
        BootstrapKeys keys = BootstrapKeys.resolve(config(ADMIN, null), true);
        assertEquals(ADMIN, keys.admin());
        assertTrue(ApiKeys.wellFormed(keys.ingest(), KeyKind.INGEST), keys.ingest());
        assertTrue(BootstrapKeys.missing(config(ADMIN, null)));
    }

    @Test
    void aMalformedOrWrongKindOfConfiguredKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BootstrapKeys.resolve(config("adm_short", INGEST), false));
        assertThrows(IllegalArgumentException.class, () -> BootstrapKeys.resolve(config(ADMIN, "pub_" + "c".repeat(32)), false));
    }

    private static WorkspaceConfig.Bootstrap config(String admin, String ingest) {
        return new WorkspaceConfig.Bootstrap() {
            @Override
            public Optional<String> adminKey() {
                return Optional.ofNullable(admin);
            }

            @Override
            public Optional<String> ingestKey() {
                return Optional.ofNullable(ingest);
            }
        };
    }
}
