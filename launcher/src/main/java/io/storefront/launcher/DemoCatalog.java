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

    record Item(String sku, String name, String description, String category, String price, int stock) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("KOPI-TORAJA-250", "Kopi Toraja 250 g", "Single-origin arabica from South Sulawesi, medium roast",
                    "Coffee", "85000", 120),
            new Item("KOPI-GAYO-250", "Kopi Gayo 250 g", "Aceh highland arabica with a bright, fruity finish",
                    "Coffee", "92000", 80),
            new Item("TEH-MELATI-100", "Teh Melati 100 g", "Jasmine green tea, the Javanese way", "Tea", "35000", 200),
            new Item("BATIK-PARANG-M", "Batik shirt Parang, M", "Hand-stamped cotton batik, long sleeves",
                    "Clothing", "349000", 25),
            new Item("BATIK-PARANG-L", "Batik shirt Parang, L", "Hand-stamped cotton batik, long sleeves",
                    "Clothing", "349000", 20),
            new Item("SARUNG-TENUN", "Sarung tenun", "Handwoven sarong from Lombok", "Clothing", "275000", 15),
            new Item("SAMBAL-BAWANG", "Sambal bawang 200 ml", "Shallot chilli relish, extra hot", "Pantry", "28000", 300),
            new Item("RENDANG-PASTE", "Rendang spice paste", "Minangkabau spice blend for one kilo of beef",
                    "Pantry", "42000", 150),
            new Item("WAYANG-KULIT", "Wayang kulit Arjuna", "Leather shadow puppet, hand-painted in Yogyakarta",
                    "Crafts", "650000", 5),
            new Item("ANGKLUNG-SET", "Angklung set", "Eight bamboo angklung tuned to a diatonic scale",
                    "Crafts", "520000", 0));

    private final CommandGateway commands;

    DemoCatalog(CommandGateway commands) {
        this.commands = commands;
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
