package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.liquibase.LiquibaseFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The build's schema manifest is what Liquibase records for the change log as it is (the suite starts from an empty
 * schema that Liquibase migrates), and a replica skips Liquibase only on a database that applied all of it unchanged.
 * {@code -Dschema-manifest.write=true} rewrites the manifest after a changeset was added.
 */
@QuarkusTest
class SchemaManifestTest {

    private static final Path FILE = Path.of("src", "main", "resources").resolve(SchemaManifest.RESOURCE);

    @Inject
    DataSource dataSource;

    @Inject
    LiquibaseFactory liquibase;

    @Inject
    SchemaAtStart schema;

    @Test
    void theManifestIsWhatLiquibaseAppliedForTheChangeLog() throws Exception {
        List<SchemaManifest.Shipped> earlier = Files.exists(FILE)
                ? SchemaManifest.parse(Files.readAllLines(FILE)).orElse(List.of())
                : List.of();
        String recorded = SchemaManifest.text(SchemaManifest.merge(applied(), earlier));
        if (Boolean.getBoolean("schema-manifest.write")) {
            Files.writeString(FILE, recorded, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE))
                .as(FILE + ": every changeset with this database's checksum (regenerate on H2 and on MySQL/MariaDB: -Dschema-manifest.write=true)")
                .isEqualTo(recorded);
        assertThat(SchemaManifest.shipped()).as("the manifest on the class path").isPresent();
        assertThat(SchemaManifest.upToDate(SchemaManifest.shipped().orElseThrow(), applied())).isTrue();
    }

    @Test
    void aMigratedDatabaseIsUpToDateUntilOneChecksumDiffers() throws Exception {
        assertThat(schema.upToDate()).isTrue();
        SchemaManifest.Applied last = applied().get(applied().size() - 1);
        String table = liquibase.getConfiguration().databaseChangeLogTableName;
        try {
            setChecksum(table, last, "9:0000");
            assertThat(schema.upToDate()).as("a changed changeset goes through Liquibase").isFalse();
            setChecksum(table, last, null);
            assertThat(schema.upToDate()).as("a cleared checksum goes through Liquibase").isFalse();
        } finally {
            setChecksum(table, last, last.checksum());
        }
        assertThat(schema.upToDate()).isTrue();
    }

    @Test
    void everyShippedChangesetMustBeAppliedWithItsChecksum() {
        var a = new SchemaManifest.Applied("db/changelog/001.yaml", "1", "lh", "9:a");
        var b = new SchemaManifest.Applied("db/changelog/002.yaml", "2", "lh", "9:b");
        var newer = new SchemaManifest.Applied("db/changelog/003.yaml", "3", "lh", "9:c");
        List<SchemaManifest.Shipped> shipped = SchemaManifest.merge(List.of(a, b), List.of(
                new SchemaManifest.Shipped(b.filename(), b.id(), b.author(), Set.of("9:b-on-h2"))));
        assertThat(shipped.get(1).checksums()).as("the other database kind's checksum kept").containsExactlyInAnyOrder("9:b", "9:b-on-h2");
        assertThat(SchemaManifest.parse(List.of(SchemaManifest.text(shipped).split("\n")))).contains(shipped);

        assertThat(SchemaManifest.upToDate(shipped, List.of(a, b))).isTrue();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a, new SchemaManifest.Applied(b.filename(), b.id(), b.author(), "9:b-on-h2"))))
                .as("the other kind's checksum").isTrue();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a, b, newer))).as("a newer replica migrated first").isTrue();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a))).as("one missing").isFalse();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a, new SchemaManifest.Applied(b.filename(), b.id(), b.author(), "8:b"))))
                .as("a checksum of an older Liquibase").isFalse();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a, new SchemaManifest.Applied(b.filename(), b.id(), b.author(), null))))
                .as("a cleared checksum").isFalse();
        assertThat(SchemaManifest.upToDate(shipped, List.of(a, new SchemaManifest.Applied(b.filename(), b.id(), "other", b.checksum()))))
                .as("another author's changeset of the same id").isFalse();
        assertThat(SchemaManifest.upToDate(List.of(), List.of(a))).as("no manifest").isFalse();
        assertThat(SchemaManifest.parse(List.of("# header only"))).as("an empty manifest").isEmpty();
        assertThat(SchemaManifest.parse(List.of("a\tb\tc"))).as("a line without checksums").isEmpty();
        assertThat(SchemaManifest.parse(List.of("a\tb\tc\t9:x,9:x"))).as("a checksum listed twice")
                .contains(List.of(new SchemaManifest.Shipped("a", "b", "c", Set.of("9:x"))));
    }

    private List<SchemaManifest.Applied> applied() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return SchemaManifest.applied(connection, liquibase.getConfiguration().databaseChangeLogTableName);
        }
    }

    private void setChecksum(String table, SchemaManifest.Applied entry, String checksum) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update " + table + " set md5sum = ? where id = ? and author = ? and filename = ?")) {
            update.setString(1, checksum);
            update.setString(2, entry.id());
            update.setString(3, entry.author());
            update.setString(4, entry.filename());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
