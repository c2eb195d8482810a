/**
 * The sidecar schema: one record per JSON object type of a ktstr {@code *.ktstr.json} file,
 * {@link dev.ktstr.api.schema.SidecarResult} at the top. The records (and the codec's readers and
 * writers) are generated at build time from one declaration of upstream's serde structs,
 * {@code ktstr-api/src/main/schema/sidecar.schema}; each lists its fields with {@code fields()}
 * (see {@link dev.ktstr.api.schema.SchemaField}).
 *
 * <p>Conventions, applied to every record:
 * <ul>
 *   <li>Record components are in JSON declaration order (the write order).</li>
 *   <li>A Rust {@code Option<T>} is an {@link java.util.Optional} component (never {@code null});
 *       {@code Option<Vec<T>>} and {@code Option<map>} are {@code Optional<List<T>>} and
 *       {@code Optional<Map<..>>}, which keeps "absent" apart from "present but empty".</li>
 *   <li>Rust {@code u64} and {@code usize} are a {@code long} holding the same 64 bits (values
 *       above {@code 2^63-1} look negative in Java; see {@link dev.ktstr.api.schema.U64}).
 *       {@code u32} is a {@code long} checked to be in {@code 0..2^32-1}; {@code i64} is a
 *       {@code long}; {@code i32} an {@code int}; {@code f64} a {@code double} (non-finite values
 *       are written as {@code null}, as upstream does, and such a file does not read back).</li>
 *   <li>Lists and maps are immutable copies. String-keyed maps iterate in UTF-8 byte order (Rust
 *       {@code BTreeMap<String,_>} order); {@code cpufreq_governor} iterates in unsigned numeric
 *       key order. The per-vCPU KVM maps are also kept in UTF-8 byte order, so this project
 *       writes them deterministically (upstream's order is arbitrary).</li>
 *   <li>Every record has a {@code builder()} starting from empty values and a {@code toBuilder()}.</li>
 * </ul>
 */
package dev.ktstr.api.schema;
