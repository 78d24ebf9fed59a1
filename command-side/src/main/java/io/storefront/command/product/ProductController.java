package io.storefront.command.product;

import io.storefront.api.product.ChangeProductPrice;
import io.storefront.api.product.CommitStock;
import io.storefront.api.product.CreateProduct;
import io.storefront.api.product.DiscontinueProduct;
import io.storefront.api.product.ReceiveStock;
import io.storefront.api.product.ReleaseStock;
import io.storefront.api.product.ReserveStock;
import io.storefront.api.product.UpdateProductDetails;
import io.storefront.api.shared.Money;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.web.Created;
import io.storefront.command.web.ExpectedVersion;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/products")
class ProductController {

    record NewProduct(String sku, String name, String description, String category, Money price) {
    }

    record Details(String name, String description, String category) {
    }

    record Price(Money price) {
    }

    record Delivery(int quantity) {
    }

    record Reservation(String orderId, int quantity) {
    }

    private final CommandGateway commands;

    ProductController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<Created> create(@RequestBody NewProduct body) {
        String productId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProduct(productId, body.sku(), body.name(), body.description(), body.category(),
                body.price()));
        return Created.at(productId);
    }

    @PutMapping("/{productId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateDetails(@PathVariable String productId, @RequestBody Details body,
                       @RequestHeader(name = ExpectedVersion.HEADER, required = false) String ifMatch) {
        commands.sendAndWait(new UpdateProductDetails(productId, body.name(), body.description(), body.category(),
                ExpectedVersion.fromIfMatch(ifMatch)));
    }

    @PutMapping("/{productId}/price")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePrice(@PathVariable String productId, @RequestBody Price body,
                     @RequestHeader(name = ExpectedVersion.HEADER, required = false) String ifMatch) {
        commands.sendAndWait(new ChangeProductPrice(productId, body.price(), ExpectedVersion.fromIfMatch(ifMatch)));
    }

    @PostMapping("/{productId}/discontinuation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discontinue(@PathVariable String productId) {
        commands.sendAndWait(new DiscontinueProduct(productId));
    }

    @PostMapping("/{productId}/stock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void receiveStock(@PathVariable String productId, @RequestBody Delivery body) {
        commands.sendAndWait(new ReceiveStock(productId, body.quantity()));
    }

    @PostMapping("/{productId}/reservations")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reserve(@PathVariable String productId, @RequestBody Reservation body) {
        boolean reserved = commands.sendAndWait(new ReserveStock(productId, body.orderId(), body.quantity()));
        if (!reserved) {
            throw new BusinessRuleViolation("The stock could not be reserved for this order");
        }
    }

    @DeleteMapping("/{productId}/reservations/{orderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable String productId, @PathVariable String orderId) {
        commands.sendAndWait(new ReleaseStock(productId, orderId));
    }

    @PostMapping("/{productId}/reservations/{orderId}/commitment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void commit(@PathVariable String productId, @PathVariable String orderId) {
        commands.sendAndWait(new CommitStock(productId, orderId));
    }
}
