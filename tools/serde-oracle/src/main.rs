use std::io::Read;
fn main() {
    for path in std::env::args().skip(1) {
        let mut b = Vec::new();
        std::fs::File::open(&path).unwrap().read_to_end(&mut b).unwrap();
        match serde_json::from_slice::<serde::de::IgnoredAny>(&b) {
            Ok(_) => println!("{}\tOK", path),
            Err(e) => println!("{}\t{}", path, e),
        }
    }
}
