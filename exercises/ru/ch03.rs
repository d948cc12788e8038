// Упражнения главы 3 (book/src/03-data-and-loss.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch03`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::csv_data::{CsvOptions, read_people};
use nn_from_scratch::person::Person;

/// Упражнение 3.1 (напишите код): среднеквадратичная ошибка.
pub fn mean_squared_error(y_true: &[f64], y_pred: &[f64]) -> f64 {
    todo!("среднее по i от (y_true[i] - y_pred[i])²")
}

/// Упражнение 3.2 (напишите код): не меньше четырёх людей по вашему выбору, обоих полов, в виде
/// текста CSV (см. в README раздел о формате CSV: строка заголовка, затем по человеку на строку)...
pub const MY_CSV: &str = "";

/// ...прочитанных функцией крейта (`csv_data::read_people`).
pub fn my_people() -> Vec<Person> {
    todo!("прочитайте MY_CSV с помощью nn_from_scratch::csv_data::read_people")
}

/// Упражнение 3.3 (вручную, с допуском 0.000001): MSE предсказаний [0.9, 0.2, 0.1, 0.6] для
/// меток [1, 0, 0, 1].
pub const LOSS_BY_HAND: f64 = f64::NAN;
