package io.storefront.query;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

/** One page of a view: its items, which page of what size, and how many items there are in all. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    /**
     * Reads page {@code page} of {@code size} rows of {@code SELECT columns fromWhere ORDER BY orderBy},
     * with named parameters, and counts all rows that match.
     */
    public static <T> Page<T> read(JdbcClient jdbc, String columns, String fromWhere, String orderBy,
                                   Map<String, ?> parameters, RowMapper<T> rows, int page, int size) {
        List<T> items = jdbc.sql("SELECT " + columns + " " + fromWhere + " ORDER BY " + orderBy
                        + " LIMIT :pageSize OFFSET :pageOffset")
                .params(parameters).param("pageSize", size).param("pageOffset", (long) page * size)
                .query(rows).list();
        long total = jdbc.sql("SELECT count(*) " + fromWhere).params(parameters).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }
}
