package io.storefront.query.catalog;

import io.storefront.api.shared.Money;
import io.storefront.query.BadQuery;
import io.storefront.query.NotFound;
import io.storefront.query.Page;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Catalog search: by words in the name or description, category, price range and stock, paged and sorted. */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final MongoTemplate mongo;

    CatalogController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Words and categories are text a person types: no control characters (a NUL breaks the store's query). */
    private static final String TYPED = "[^\\x00-\\x1F\\x7F]*";

    @GetMapping
    Page<CatalogProduct> search(@RequestParam(required = false) @Size(max = 100) @Pattern(regexp = TYPED) String q,
                                @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = TYPED) String category,
                                @RequestParam(required = false) @DecimalMin("0") BigDecimal minPrice,
                                @RequestParam(required = false) @DecimalMin("0") BigDecimal maxPrice,
                                @RequestParam(required = false) Currency currency,
                                @RequestParam(defaultValue = "false") boolean inStock,
                                @RequestParam(defaultValue = "name") @Pattern(regexp = "name|price|-price") String sort,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("discontinued").is(false)));
        if (q != null && !q.isBlank()) {
            String words = java.util.regex.Pattern.quote(q.strip());
            criteria.add(new Criteria().orOperator(Criteria.where("name").regex(words, "i"),
                    Criteria.where("description").regex(words, "i")));
        }
        if (category != null) {
            criteria.add(Criteria.where("category").is(category));
        }
        if (minPrice != null || maxPrice != null) {
            criteria.add(priceRange(minPrice, maxPrice, currency));
        }
        if (inStock) {
            criteria.add(Criteria.where("available").gt(0));
        }
        Query query = Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, CatalogProduct.class);
        query.with(order(sort)).skip((long) page * size).limit(size);
        return new Page<>(mongo.find(query, CatalogProduct.class), page, size, total);
    }

    @GetMapping("/{productId}")
    CatalogProduct get(@PathVariable String productId) {
        CatalogProduct product = mongo.findById(productId, CatalogProduct.class);
        if (product == null) {
            throw new NotFound("product", productId);
        }
        return product;
    }

    private static Criteria priceRange(BigDecimal min, BigDecimal max, Currency currency) {
        if (currency == null) {
            throw new BadQuery("currency", "is needed to filter by price");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new BadQuery("minPrice", "must not be above maxPrice");
        }
        Criteria range = Criteria.where("currency").is(currency.getCurrencyCode()).and("priceMinor");
        if (min != null) {
            range = range.gte(CatalogProjection.minorUnits(new Money(min, currency)));
        }
        if (max != null) {
            range = range.lte(CatalogProjection.minorUnits(new Money(max, currency)));
        }
        return range;
    }

    /** The requested order, then by name and id, so that a page is the same each time it is read. */
    private static Sort order(String sort) {
        return switch (sort) {
            case "price" -> Sort.by("priceMinor").ascending().and(Sort.by("name", "_id"));
            case "-price" -> Sort.by("priceMinor").descending().and(Sort.by("name", "_id"));
            default -> Sort.by("name", "_id");
        };
    }
}
