// Evaluates two high hands and prints one JSON line per hand.
//
// The same program exists in Rust, C, Python and Node beside this one; the test suite runs
// all five and checks that they print the same bytes.
//
// Run: bash bindings/uniffi/run-kotlin-example.sh

import ggp.evaluateText

private val HANDS = listOf("As Ks Qs Js Ts 2c 3d", "7h 7d 7c 2s 2h")

/** A JSON string literal, escaped as serde_json escapes it (no JSON library needed). */
private fun jsonString(text: String): String {
    val out = StringBuilder(text.length + 2)
    out.append('"')
    for (c in text) {
        when (c) {
            '"' -> out.append("\\\"")
            '\\' -> out.append("\\\\")
            '\b' -> out.append("\\b")
            '\u000C' -> out.append("\\f")
            '\n' -> out.append("\\n")
            '\r' -> out.append("\\r")
            '\t' -> out.append("\\t")
            else ->
                if (c < ' ') {
                    out.append("\\u00").append("0123456789abcdef"[c.code shr 4])
                        .append("0123456789abcdef"[c.code and 0xF])
                } else {
                    out.append(c)
                }
        }
    }
    out.append('"')
    return out.toString()
}

fun main() {
    for (hand in HANDS) {
        val value = evaluateText(hand)
        val bestFive = value.bestFive.joinToString(",", "[", "]") { jsonString(it.text) }
        // The key order is part of the line's format.
        println(
            "{\"hand\":${jsonString(hand)},\"category\":${jsonString(value.category)}," +
                "\"strength\":${value.strength},\"best_five\":$bestFive," +
                "\"description\":${jsonString(value.description)}}",
        )
    }
}
