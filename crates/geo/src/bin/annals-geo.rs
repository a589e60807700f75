//! `annals-geo`: the geo commands on their own (`gazetteer build|import`, `geo`,
//! `eval geowebnews`); the `annals` CLI offers the same through `annals_geo::cli::run`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match annals_geo::cli::run(&args, &mut out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    };
    drop(out);
    std::process::exit(code);
}
