// Tests of the rules engine through the Kotlin binding. Run by ../../../../../test.sh.
package ggp

import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class HandTest {
    private fun headsUp(): Hand =
        Hand(
            HandOptions(
                variant = "NT",
                startingStacks = listOf("200", "200"),
                blindsOrStraddles = listOf("1", "2"),
                minBet = "2",
            ),
        )

    private val toShowdown =
        listOf(
            "d dh p1 AsKs", "d dh p2 7h7d", "p2 cc", "p1 cc",
            "d db Jc3d5c", "p1 cc", "p2 cc",
            "d db 4h", "p1 cc", "p2 cc",
            "d db 9s", "p1 cc", "p2 cc",
            "p1 sm AsKs", "p2 sm 7h7d",
        )

    @Test
    fun playsAHandToShowdownByNotation() {
        headsUp().use { hand ->
            assertFalse(hand.isComplete())
            for (action in toShowdown) hand.apply(action)
            assertTrue(hand.isComplete())
            assertEquals(listOf("-2", "2"), hand.payoffs())
            assertEquals(toShowdown, hand.actions())
            assertTrue(hand.nextMoveJson().contains("\"complete\""), hand.nextMoveJson())
        }
    }

    @Test
    fun anIllegalActionIsARuleViolationAndChangesNothing() {
        headsUp().use { hand ->
            hand.apply("d dh p1 AsKs")
            hand.apply("d dh p2 7h7d")
            val before = hand.viewJson()
            val err = assertThrows<GgpException.RuleViolation> { hand.apply("p2 cbr 3") }
            assertTrue(err.message!!.endsWith("(bet_too_small)"), err.message)
            assertThrows<GgpException.RuleViolation> { hand.apply("p1 cc") }
            assertEquals(before, hand.viewJson())
            assertEquals(2, hand.actions().size)
            assertThrows<GgpException.HandHistory> { hand.apply("p1 jump") }
            val everyError: GgpException = assertThrows<GgpException> { hand.apply("p2 cbr 1") }
            assertTrue(everyError is GgpException.RuleViolation)
        }
    }

    @Test
    fun undoAndRedo() {
        headsUp().use { hand ->
            hand.apply("d dh p1 AsKs")
            hand.apply("d dh p2 7h7d")
            val before = hand.viewJson()
            hand.apply("p2 cbr 6")
            val after = hand.viewJson()
            assertEquals("p2 cbr 6", hand.undo())
            assertEquals(before, hand.viewJson())
            assertEquals("p2 cbr 6", hand.redo())
            assertEquals(after, hand.viewJson())
            assertThrows<GgpException.RuleViolation> { hand.redo() }
        }
    }

    @Test
    fun replaysAPhhHandWithDecimalStakes() {
        val text = File("../../../ggp-core/tests/data/phh/nlhe_decimal.phh").readText()
        Hand.fromPhh(text).use { hand ->
            assertTrue(hand.isComplete())
            assertEquals(listOf("-100", "-0.5", "100.5", "0"), hand.payoffs())
            assertEquals("p3 cbr 1.5", hand.actions()[4])
        }
    }

    @Test
    fun thePublicViewHidesHoleCards() {
        headsUp().use { hand ->
            hand.apply("d dh p1 AsKs")
            hand.apply("d dh p2 7h7d")
            assertTrue(hand.viewJson().contains("As"), hand.viewJson())
            val public = hand.publicViewJson()
            for (card in listOf("As", "Ks", "7h", "7d")) {
                assertFalse(public.contains("\"$card\""), public)
            }
        }
    }

    @Test
    fun badOptionsAreTypedErrors() {
        assertThrows<GgpException.InvalidAmount> {
            Hand(HandOptions(variant = "NT", startingStacks = listOf("200", "2x"), minBet = "2"))
        }
        assertThrows<GgpException.UnknownName> {
            Hand(HandOptions(variant = "XX", startingStacks = listOf("200", "200"), minBet = "2"))
        }
        assertThrows<GgpException.InvalidConfig> {
            Hand(HandOptions(variant = "NT", startingStacks = listOf("200"), minBet = "2"))
        }
        assertThrows<GgpException.HandHistory> { Hand.fromPhh("variant = ") }
    }
}
