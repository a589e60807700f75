//! `cargo bench -p annals-geo`: recognition + resolution throughput on the BBC corpus
//! (see `annals_geo::bench`).

fn main() {
    annals_geo::bench::run(annals_geo::bench::DEFAULT_CORPUS);
}
