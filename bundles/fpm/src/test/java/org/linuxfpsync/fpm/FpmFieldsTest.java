package org.linuxfpsync.fpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FpmFieldsTest {
    private static final FpmFields.Names ROUTE = new FpmFields.Names(List.of("VRFID", "FAMILY", "DST", "DST_LEN", "TABLE"));

    @Test
    void itIsTheMapOfItsPresentFieldsInTheTablesOrder() {
        FpmFields fields = new FpmFields(ROUTE, new Object[] {0L, 2L, null, 24L, null});

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("VRFID", 0L);
        expected.put("FAMILY", 2L);
        expected.put("DST_LEN", 24L);
        assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new ArrayList<>(fields.keySet())).containsExactly("VRFID", "FAMILY", "DST_LEN");
        assertThat(fields.size()).isEqualTo(3);
        assertThat(fields.get("DST_LEN")).isEqualTo(24L);
        assertThat(fields.get("DST")).isNull();
        assertThat(fields.containsKey("DST")).isFalse();
        assertThat(fields.get("NOT_A_FIELD")).isNull();
        assertThat(fields.toString()).isEqualTo("{VRFID=0, FAMILY=2, DST_LEN=24}");
    }

    @Test
    void itCannotBeChanged() {
        FpmFields fields = new FpmFields(ROUTE, new Object[] {0L, 2L, null, 24L, null});

        assertThatThrownBy(() -> fields.put("TABLE", 254L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue(1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void valuesMustMatchTheNames() {
        assertThatThrownBy(() -> new FpmFields(ROUTE, new Object[] {0L}))
                .hasMessage("1 values for 5 names");
        assertThatThrownBy(() -> new FpmFields.Names(List.of("A", "A"))).hasMessage("field A named twice");
    }

    @Test
    void anFpmObjectKeepsTheDecodersFieldsAndCopiesAnyOtherMap() {
        FpmFields fields = new FpmFields(ROUTE, new Object[] {0L, 2L, null, 24L, null});
        Map<String, Object> mutable = new LinkedHashMap<>(fields);

        assertThat(new FpmObject("routes", 0, fields, List.of(0L)).fields()).isSameAs(fields);
        FpmObject copied = new FpmObject("routes", 0, mutable, List.of(0L));
        mutable.put("TABLE", 254L);
        assertThat(copied.fields()).isEqualTo(fields);
    }
}
