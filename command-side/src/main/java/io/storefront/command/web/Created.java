package io.storefront.command.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The answer to a command that creates something: 201, its Location, and its id. */
public record Created(String id) {

    /** 201 with the Location of {@code id} below the current request's path. */
    public static ResponseEntity<Created> at(String id) {
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.created(location).body(new Created(id));
    }
}
