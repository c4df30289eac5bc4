package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceNameTest {
    @TempDir
    Path netns;

    @Test
    void the_name_of_the_namespace_followed_is_the_same() throws Exception {
        Files.createFile(netns.resolve("blue"));
        NamespaceName name = new NamespaceName(netns, "blue");
        name.remember();
        assertThat(name.check()).isEqualTo(NamespaceName.State.SAME);
    }

    @Test
    void a_deleted_name_is_gone() throws Exception {
        Files.createFile(netns.resolve("blue"));
        NamespaceName name = new NamespaceName(netns, "blue");
        name.remember();
        Files.delete(netns.resolve("blue"));
        assertThat(name.check()).isEqualTo(NamespaceName.State.GONE);
    }

    /**
     * bench/faults, netns-recreate: the namespace deleted and one of the same name made again
     * between two checks; the name exists, but names another namespace (the old one lives on
     * while our sockets hold it), which the vrf must follow instead.
     */
    @Test
    void a_name_deleted_and_made_again_between_two_checks_is_replaced() throws Exception {
        Files.createFile(netns.resolve("blue"));
        NamespaceName name = new NamespaceName(netns, "blue");
        name.remember();
        // Another object under the same name while the first still exists: as a namespace kept alive.
        Path other = Files.createFile(netns.resolve("new"));
        Path old = Files.move(netns.resolve("blue"), netns.resolve("old"));
        Files.move(other, netns.resolve("blue"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.exists(old)).isTrue();
        assertThat(Files.exists(netns.resolve("blue"))).isTrue(); // what the check used to look at
        assertThat(name.check()).isEqualTo(NamespaceName.State.REPLACED);
    }

    @Test
    void a_name_unknown_when_followed_is_taken_as_it_is_at_the_first_check() throws Exception {
        NamespaceName name = new NamespaceName(netns, "blue");
        name.remember();
        Files.createFile(netns.resolve("blue"));
        assertThat(name.check()).isEqualTo(NamespaceName.State.SAME);
        Files.delete(netns.resolve("blue"));
        assertThat(name.check()).isEqualTo(NamespaceName.State.GONE);
    }
}
