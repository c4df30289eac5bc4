package org.linuxfpsync.fpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A key is a list: equal to and hashed as any list of its values, whether it has its own array or views an object's. */
class FpmKeyTest {
    @Test
    void aViewOfSomePlacesIsTheListOfThoseValuesAndFindsWhatAListFinds() throws Exception {
        InetAddress dst = InetAddress.getByName("10.1.0.0");
        Object[] values = {2L, 254L, "ignored", dst, 16L};
        FpmKey view = new FpmKey(values, new int[] {1, 3, 4});
        List<Object> same = List.of(254L, dst, 16L);

        assertThat(view).containsExactly(254L, dst, 16L);
        assertThat(view).isEqualTo(same);
        assertThat(same).isEqualTo(view);
        assertThat(view.hashCode()).isEqualTo(same.hashCode());
        assertThat(view).isEqualTo(new FpmKey(new Object[] {254L, dst, 16L}));
        assertThat(view).isNotEqualTo(new FpmKey(new Object[] {254L, dst, 24L}));
        assertThat(view).isNotEqualTo(new FpmKey(values, new int[] {1, 3}));

        Map<List<Object>, String> table = new HashMap<>();
        table.put(view, "route");
        assertThat(table.get(same)).isEqualTo("route");
        assertThat(table.get(FpmKey.of(same))).isEqualTo("route");
    }

    @Test
    void aKeyValueIsNeverNull() {
        assertThatThrownBy(() -> new FpmKey(new Object[] {1L, null, 3L}, new int[] {0, 1}))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key value 1");
        assertThat(new FpmKey(new Object[] {1L, null, 3L}, new int[] {0, 2})).containsExactly(1L, 3L);
    }
}
