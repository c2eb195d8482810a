// Writes mutated copies of a sidecar that our reader rejects, with our message, for comparison
// with serde_json (see README.md). Usage: java -cp <ktstr-api classes + jackson-core>:. Mutants FILE OUTDIR SEED
import dev.ktstr.api.codec.*;
import java.nio.file.*;
import java.util.*;
public class Mutants { public static void main(String[] a) throws Exception {
  byte[] base = Files.readAllBytes(Path.of(a[0])); Path out = Path.of(a[1]); Files.createDirectories(out);
  Random r = new Random(Long.parseLong(a[2])); int written = 0;
  byte[] alphabet = "{}[],:\"\\ \n0123456789-+.eEtrufalsn\u0001x".getBytes("ISO-8859-1");
  StringBuilder ours = new StringBuilder();
  for (int i = 0; i < 6000; i++) {
    byte[] b = base.clone(); int n = 1 + r.nextInt(3);
    for (int k = 0; k < n && b.length > 0; k++) { int pos = r.nextInt(b.length); int op = r.nextInt(3);
      if (op == 0) b[pos] = alphabet[r.nextInt(alphabet.length)];
      else if (op == 1) b = Arrays.copyOf(b, pos);
      else { byte[] c = new byte[b.length - 1]; System.arraycopy(b, 0, c, 0, pos); System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1); b = c; } }
    try { SidecarCodec.read(b); } catch (SidecarParseException e) {
      Path f = out.resolve(String.format("m%05d.json", written++)); Files.write(f, b);
      ours.append(f).append('\t').append(e.serdeMessage()).append('\n'); }
  }
  Files.writeString(out.resolve("ours.txt"), ours);
}}
