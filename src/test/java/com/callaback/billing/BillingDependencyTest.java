package com.callaback.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Billing depends on identity (the signed-in user, roles), so identity must not depend on billing: it asks for a
 * plan's terms through {@code identity.BusinessTerms}. An import back would make the two one tangle again.
 */
class BillingDependencyTest {

    @Test
    void identityImportsNothingFromBilling() throws IOException {
        assertThat(importsOf(Path.of("src/main/java/com/callaback/identity"), "com.callaback.billing")).isEmpty();
        assertThat(importsOf(Path.of("src/main/java/com/callaback/billing"), "com.callaback.identity"))
                .as("the dependency points this way").isNotEmpty();
    }

    /** The lines of the package's sources that name the other package (imports or qualified names). */
    private static List<String> importsOf(Path packageDir, String otherPackage) throws IOException {
        try (Stream<Path> files = Files.list(packageDir)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.contains(otherPackage + "."))
                            .map(l -> f.getFileName() + ": " + l.strip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
