//! The model loaders on any bytes: a model (of people, or of a table) that predicts and saves
//! back identically, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nn_from_scratch::model::ModelFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ModelFile::from_json(text) {
        Ok(model) => {
            let _ = model.predict(130.0, 65.0);
            let again = ModelFile::from_json(&model.to_json()).expect("a loaded model reloads");
            assert_eq!(again, model);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match nn_from_scratch::classifier::Classifier::from_json(text) {
        Ok(model) => {
            let row = vec![1.0; model.features.len()];
            let _ = model.probabilities(&[row]);
            let again = nn_from_scratch::classifier::Classifier::from_json(&model.to_json())
                .expect("a loaded model reloads");
            assert_eq!(again, model);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
