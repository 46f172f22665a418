package io.leadhandoff.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The changesets this build ships, with Liquibase's checksum of each, written at build time
 * ({@code db/schema-manifest.tsv}; {@code SchemaManifestTest} fails when it no longer matches the change log). A
 * replica starting on a database that already applied every one of them, with a known checksum, has nothing to
 * migrate or validate, and does not start Liquibase at all: parsing the change log and taking its lock cost about a
 * second of start-up and the metaspace of Liquibase's classes. Anything else (a changeset missing or changed, a
 * checksum Liquibase has not yet upgraded, no change-log table) goes through Liquibase as before. A changeset with
 * changes for one database kind only has one checksum per kind (Liquibase leaves the others' changes out of it): the
 * manifest lists each, comma-separated.
 */
public final class SchemaManifest {

    public static final String RESOURCE = "db/schema-manifest.tsv";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A changeset as the database recorded it: where it is, its id and author, and Liquibase's checksum of it. */
    public record Applied(String filename, String id, String author, String checksum) {
    }

    /** A changeset this build ships, and its checksums on the database kinds the manifest was written on. */
    public record Shipped(String filename, String id, String author, Set<String> checksums) {

        public Shipped {
            checksums = Set.copyOf(checksums);
        }

        boolean appliedAs(Applied applied) {
            return filename.equals(applied.filename()) && id.equals(applied.id()) && author.equals(applied.author())
                    && applied.checksum() != null && checksums.contains(applied.checksum());
        }

        String line() {
            return String.join("\t", filename, id, author, String.join(",", new TreeSet<>(checksums)));
        }
    }

    private SchemaManifest() {
    }

    /** The manifest on the class path, or empty when the build has none or it cannot be read. */
    public static Optional<List<Shipped>> shipped() {
        InputStream in = SchemaManifest.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            return Optional.empty();
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    static Optional<List<Shipped>> parse(List<String> lines) {
        List<Shipped> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length != 4 || parts[3].isBlank()) {
                return Optional.empty();
            }
            entries.add(new Shipped(parts[0], parts[1], parts[2], new TreeSet<>(Arrays.asList(parts[3].split(",")))));
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(entries));
    }

    /** The changesets the database has applied, as Liquibase recorded them in {@code table}, in order. */
    public static List<Applied> applied(Connection connection, String table) throws SQLException {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new SQLException("Not a plain table name: " + table);
        }
        List<Applied> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select filename, id, author, md5sum from " + table + " order by orderexecuted")) {
            while (rows.next()) {
                entries.add(new Applied(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        return entries;
    }

    /**
     * Whether the database has applied every shipped changeset with one of its checksums. Changesets the database has
     * and this build does not (a newer replica migrated first) do not matter, as they do not to Liquibase.
     */
    public static boolean upToDate(List<Shipped> shipped, List<Applied> applied) {
        return !shipped.isEmpty() && shipped.stream().allMatch(s -> applied.stream().anyMatch(s::appliedAs));
    }

    /**
     * The manifest for the changesets a database applied, keeping the checksums an earlier manifest knew for them on
     * other database kinds.
     */
    public static List<Shipped> merge(List<Applied> applied, List<Shipped> earlier) {
        return applied.stream().map(a -> {
            Set<String> checksums = new TreeSet<>();
            checksums.add(a.checksum());
            earlier.stream().filter(e -> e.filename().equals(a.filename()) && e.id().equals(a.id()) && e.author().equals(a.author()))
                    .forEach(e -> checksums.addAll(e.checksums()));
            return new Shipped(a.filename(), a.id(), a.author(), checksums);
        }).toList();
    }

    /** The manifest file's text. */
    public static String text(List<Shipped> entries) {
        StringBuilder text = new StringBuilder("# filename\tid\tauthor\tLiquibase checksums (one per database kind where they differ); "
                + "written by SchemaManifestTest with -Dschema-manifest.write=true, never by hand\n");
        entries.forEach(e -> text.append(e.line()).append('\n'));
        return text.toString();
    }
}
