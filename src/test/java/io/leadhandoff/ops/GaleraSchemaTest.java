package io.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What Galera needs of the schema, on the migrated database: a primary key on every table (rows are replicated by
 * it) and no unique key over several columns of which one is nullable (Galera certifies every (a, NULL) as one key,
 * so such inserts on different nodes conflict although they do not collide).
 */
@QuarkusTest
class GaleraSchemaTest {

    /** Liquibase's own history table has no primary key; it is written only by migrations, one replica at a time. */
    private static final Set<String> NOT_OURS = Set.of("databasechangelog");

    @Inject
    DataSource dataSource;

    private List<String> tables(DatabaseMetaData meta, Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!NOT_OURS.contains(name.toLowerCase())) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    @Test
    void everyTableHasAPrimaryKey() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = tables(meta, c);
            assertThat(tables).extracting(String::toLowerCase).contains("lead", "report_counts", "report_calibration_p");
            List<String> withoutKey = new ArrayList<>();
            for (String table : tables) {
                try (ResultSet pk = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
                    if (!pk.next()) {
                        withoutKey.add(table);
                    }
                }
            }
            assertThat(withoutKey).as("tables without a primary key").isEmpty();
        }
    }

    @Test
    void noUniqueKeySpansANullableColumnAndAnotherColumn() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> offending = new ArrayList<>();
            for (String table : tables(meta, c)) {
                Set<String> nullable = new HashSet<>();
                try (ResultSet cols = meta.getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
                    while (cols.next()) {
                        if (cols.getInt("NULLABLE") == DatabaseMetaData.columnNullable) {
                            nullable.add(cols.getString("COLUMN_NAME").toLowerCase());
                        }
                    }
                }
                Map<String, List<String>> uniqueKeys = new HashMap<>();
                try (ResultSet ix = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, true, false)) {
                    while (ix.next()) {
                        if (ix.getString("INDEX_NAME") != null && ix.getString("COLUMN_NAME") != null) {
                            uniqueKeys.computeIfAbsent(ix.getString("INDEX_NAME"), k -> new ArrayList<>()).add(ix.getString("COLUMN_NAME").toLowerCase());
                        }
                    }
                }
                uniqueKeys.forEach((name, columns) -> {
                    if (columns.size() > 1 && columns.stream().anyMatch(nullable::contains)) {
                        offending.add(table + "." + name + columns);
                    }
                });
            }
            assertThat(offending).as("unique keys over several columns with a nullable one").isEmpty();
        }
    }
}
