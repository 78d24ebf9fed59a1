package io.storefront.launcher;

import io.storefront.api.product.CreateProduct;
import io.storefront.api.product.ReceiveStock;
import io.storefront.api.shared.Money;
import io.storefront.command.Conflict;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import org.springframework.core.io.ClassPathResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Seeds a small catalog through the same commands an admin would send, so that the demo has
 * something to order. Product ids follow from the SKUs and a SKU is claimed once, so a restart on
 * the same data directory seeds nothing twice.
 */
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    record Item(String sku, String name, String category, String price, int stock, String description) {
    }

    /** Fifty products in five categories, some sold out, from {@code demo-catalog.tsv}. */
    static final List<Item> ITEMS = load();

    private final CommandGateway commands;

    DemoCatalog(CommandGateway commands) {
        this.commands = commands;
    }

    private static List<Item> load() {
        try (var lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource("demo-catalog.tsv").getInputStream(), StandardCharsets.UTF_8)).lines()) {
            return lines.skip(1)
                    .map(line -> line.split("\t"))
                    .map(cell -> new Item(cell[0], cell[1], cell[2], cell[3], Integer.parseInt(cell[4]), cell[5]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the demo catalog is part of the launcher", e);
        }
    }

    static String productId(String sku) {
        return UUID.nameUUIDFromBytes(("demo-product:" + sku).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void run(ApplicationArguments args) {
        int seeded = 0;
        for (Item item : ITEMS) {
            String productId = productId(item.sku());
            try {
                commands.sendAndWait(new CreateProduct(productId, item.sku(), item.name(), item.description(),
                        item.category(), Money.of(item.price(), "IDR")));
            } catch (Conflict seededBefore) {
                continue;
            }
            if (item.stock() > 0) {
                commands.sendAndWait(new ReceiveStock(productId, item.stock()));
            }
            seeded++;
        }
        log.info("Demo catalog: {} products seeded, {} there already", seeded, ITEMS.size() - seeded);
    }
}
