package io.xoal.events.common;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The ways a request authenticates, as the OpenAPI document declares them; each resource names the
 * ones it accepts ({@code @SecurityRequirement}), so Swagger UI's Authorize sends the right header.
 * The JAX-RS application class is where MicroProfile OpenAPI reads document-wide definitions; it
 * adds no path and leaves every resource in.
 */
@OpenAPIDefinition(info = @Info(title = "Xoal Events API", version = "0.1.0",
        description = "Customer events: ingestion in Xoal's, Segment's and Customer.io's formats, profiles, the events feed, "
                + "dynamic segments. Errors are application/problem+json; errors[].field is a JSON pointer."), components = @Components(securitySchemes = {
        @SecurityScheme(securitySchemeName = ApiSecuritySchemes.ADMIN, type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An admin key: `adm_` followed by 32 lowercase letters and digits. Manages and reads one workspace."),
        @SecurityScheme(securitySchemeName = ApiSecuritySchemes.INGEST, type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An ingestion key: `ing_` followed by 32 lowercase letters and digits; sends events only. On the "
                        + "Segment-spec paths a browser write key (`pub_` + 32) also works, with fewer powers (docs/ingestion.md)."),
        @SecurityScheme(securitySchemeName = ApiSecuritySchemes.WRITE_KEY, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Segment SDKs: the browser write key (`pub_…`) or ingestion key (`ing_…`) as the user name, "
                        + "any (usually empty) password."),
        @SecurityScheme(securitySchemeName = ApiSecuritySchemes.SITE, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Customer.io clients: the workspace id as site id (user name), the ingestion key as API key (password).")
}))
public class ApiSecuritySchemes extends Application {

    public static final String ADMIN = "adminKey";
    public static final String INGEST = "ingestionKey";
    public static final String WRITE_KEY = "segmentWriteKey";
    public static final String SITE = "customerIoSite";
}
