//! The request bodies the validation and server benchmarks send.

use serde_json::{Value, json};

/// AnchorBrowser's "Create Webhook" request, as in its documentation's first example.
pub fn anchor_create() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "url": "https://your-app.example.com/anchor/webhooks",
        "description": "Production task notifications",
        "subscribed_events": ["task.completed", "task.failed", "task.healed"],
    }))
    .expect("a JSON value serialises")
}

/// A valid order (see `specs/orders.yaml`) with `lines` lines, the same bytes every time.
pub fn order(lines: usize) -> Vec<u8> {
    serde_json::to_vec(&order_value(lines)).expect("a JSON value serialises")
}

/// [`order`] as a value, for tests that break one field.
pub fn order_value(lines: usize) -> Value {
    const CATEGORIES: [&str; 5] = ["books", "garden", "kitchen", "toys", "tools"];
    let lines: Vec<Value> = (0..lines)
        .map(|i| {
            let mut line = json!({
                "sku": format!("SKU-{:04}", i % 10_000),
                "quantity": 1 + i % 50,
                "unit_price_cents": 199 + (i * 37) % 100_000,
                "discount": if i % 3 == 0 { Value::Null } else { json!(0.05 * (i % 5) as f64) },
                "product": {
                    "name": format!("Product number {i}, a sturdy and well-made thing"),
                    "category": CATEGORIES[i % CATEGORIES.len()],
                    "dimensions": { "width": 10.5 + i as f64, "height": 3.25, "depth": 1.0 },
                    "attributes": { "colour": "green", "material": "oak", "finish": "oiled" },
                },
            });
            if i % 4 == 0 {
                line.as_object_mut().map(|object| object.remove("discount"));
            }
            line
        })
        .collect();
    json!({
        "id": "5d2c31f6-ab7e-481a-b6fd-8b4a96a4e197",
        "status": "paid",
        "created_at": "2026-11-23T09:30:00Z",
        "customer": {
            "id": "0b9a3c5e-7f1d-4e2a-9c8b-6d5e4f3a2b1c",
            "email": "ada.lovelace@example.com",
            "name": "Ada Lovelace",
            "address": {
                "line1": "12 Analytical Row",
                "line2": null,
                "city": "London",
                "postal_code": "NW1 6XE",
                "country": "GB",
            },
        },
        "lines": lines,
        "notes": "Leave at the door.",
        "tags": ["priority", "gift-wrap", "repeat-customer"],
    })
}
