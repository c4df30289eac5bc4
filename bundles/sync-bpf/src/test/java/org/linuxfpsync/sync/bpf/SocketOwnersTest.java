package org.linuxfpsync.sync.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner of a socket from a tree laid out as {@code /proc} is: fd links, comm, status's PPid. */
class SocketOwnersTest {
    @TempDir
    Path proc;

    @Test
    void aSocketsOwnerIsTheProcessWhoseFdLinksToItWithItsNameAndItsParentsName() throws IOException {
        process(1, 0, "systemd", "socket:[7]");
        process(200, 1, "wireshark", "pipe:[9]");
        process(201, 200, "dumpcap", "/dev/null", "socket:[11]");

        Map<Long, SocketOwner> owners = new SocketOwners.Proc(proc, 999).find(Set.of(11L, 12L));

        assertThat(owners).containsExactly(Map.entry(11L, new SocketOwner(201, "dumpcap", "wireshark")));
    }

    @Test
    void aSocketTheCacheManagerSharesWithAChildIsTheCacheManagers() throws IOException {
        process(300, 1, "tcpdump", "socket:[21]");
        process(999, 1, "java", "socket:[21]");

        assertThat(new SocketOwners.Proc(proc, 999).find(Set.of(21L)).get(21L).pid()).isEqualTo(999);
    }

    @Test
    void withoutProcNoOwnerIsFound() {
        assertThat(new SocketOwners.Proc(proc.resolve("absent"), 999).find(Set.of(1L))).isEmpty();
    }

    private void process(long pid, long parent, String comm, String... fds) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(pid + "/fd"));
        for (int i = 0; i < fds.length; i++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(i)), Path.of(fds[i]));
        }
        Files.writeString(proc.resolve(pid + "/comm"), comm + "\n");
        Files.writeString(proc.resolve(pid + "/status"), "Name:\t" + comm + "\nPPid:\t" + parent + "\n");
    }
}
