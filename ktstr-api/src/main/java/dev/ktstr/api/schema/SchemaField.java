package dev.ktstr.api.schema;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One field of a schema record as the schema declares it. Every record lists its fields with a
 * static {@code fields()} method, in declaration (write) order, so code that walks, checks or
 * explains fields can do so without naming each one.
 *
 * @param <R>            the record type
 * @param key            the JSON key, e.g. {@code run_source}
 * @param rustType       the upstream Rust type as the schema writes it, e.g. {@code Option<String>}
 * @param optionalOnRead whether a reader accepts the key being absent (an {@code Option} or a
 *                       {@code #[serde(default)]} field)
 * @param accessor       the record's accessor of the field
 */
public record SchemaField<R>(String key, String rustType, boolean optionalOnRead, Function<R, Object> accessor) {

    /**
     * Checks that no component is {@code null}.
     *
     * @param key            the JSON key
     * @param rustType       the upstream Rust type
     * @param optionalOnRead whether a reader accepts the key being absent
     * @param accessor       the record's accessor of the field
     * @throws NullPointerException when a component is {@code null}
     */
    public SchemaField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rustType, "rustType");
        Objects.requireNonNull(accessor, "accessor");
    }

    /**
     * The field's value in a record: an {@link Optional}, {@link List} or {@link Map} for those
     * types, a boxed value for primitives.
     *
     * @param record the record to read
     * @return the value
     */
    public Object get(R record) {
        return accessor.apply(record);
    }

    /**
     * Whether the field holds a value: a present {@link Optional}, a non-empty list or map; any
     * other type always holds one.
     *
     * @param record the record to read
     * @return whether the field is populated
     */
    public boolean isPresent(R record) {
        Object v = get(record);
        if (v instanceof Optional<?> o) {
            return o.isPresent();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return !(v instanceof Map<?, ?> m) || !m.isEmpty();
    }

    /**
     * The field with a key, for example {@code named(SidecarResult.fields(), "run_source")}.
     *
     * @param <R>    the record type
     * @param fields the fields to search, from a record's {@code fields()}
     * @param key    the JSON key
     * @return the field
     * @throws IllegalArgumentException when no field has that key
     */
    public static <R> SchemaField<R> named(List<SchemaField<R>> fields, String key) {
        for (SchemaField<R> f : fields) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no schema field " + key);
    }
}
