//! Development driver until the `annals` CLI carries the syntax subcommands:
//!
//! ```text
//! cargo run --release -p annals-syntax --example syntax -- train TREEBANKS OUT
//! cargo run --release -p annals-syntax --example syntax -- eval MODEL_DIR FILE.conllu... [--predictions OUT]
//! cargo run --release -p annals-syntax --example syntax -- split MODEL_DIR TREEBANKS gum-dev|gum-test|ewt-test
//! cargo run --release -p annals-syntax --example syntax -- bench MODEL_DIR CORPUS.jsonl
//! ```

use std::path::PathBuf;

use annals_syntax::train::{self, Split, TrainOptions};
use annals_syntax::{SyntaxModel, conllu, eval};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train") if args.len() >= 3 => {
            let report = train::train_from_treebanks(
                &PathBuf::from(&args[1]),
                &PathBuf::from(&args[2]),
                &TrainOptions::default(),
                &|m| eprintln!("{m}"),
            );
            report.map(|r| {
                println!("model {} ({} bytes) in {:.0}s", r.model_file.display(), r.model_bytes, r.seconds);
                if let Some(dev) = r.gum_dev {
                    println!("GUM dev:\n{}", dev.summary());
                }
            }).map_err(|e| e.to_string())
        }
        Some("eval") if args.len() >= 3 => (|| {
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let mut gold = Vec::new();
            let mut predictions_out = None;
            let mut i = 2;
            while i < args.len() {
                if args[i] == "--predictions" {
                    predictions_out = args.get(i + 1).cloned();
                    i += 2;
                    continue;
                }
                gold.extend(train::read_conllu(&PathBuf::from(&args[i])).map_err(|e| e.to_string())?);
                i += 1;
            }
            let (report, predicted) = eval::evaluate(&model, &gold);
            print!("{}", report.summary());
            if let Some(out) = predictions_out {
                std::fs::write(out, conllu::write(&predicted)).map_err(|e| e.to_string())?;
            }
            Ok(())
        })(),
        Some("split") if args.len() >= 4 => (|| {
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let split = match args[3].as_str() {
                "gum-dev" => Split::GumDev,
                "gum-test" => Split::GumTest,
                "ewt-test" => Split::EwtTest,
                other => return Err(format!("unknown split {other}")),
            };
            let (gold, _) = train::load_split(&PathBuf::from(&args[2]), split).map_err(|e| e.to_string())?;
            let (report, _) = eval::evaluate(&model, &gold);
            print!("{}", report.summary());
            Ok(())
        })(),
        Some("bench") if args.len() >= 3 => annals_syntax::bench::run(&PathBuf::from(&args[1]), &PathBuf::from(&args[2]), None, 3, 2)
            .map(|r| print!("{}", r.summary())),
        _ => Err("usage: syntax train TREEBANKS OUT | eval MODEL FILE... [--predictions OUT] | split MODEL TREEBANKS NAME | bench MODEL CORPUS".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
