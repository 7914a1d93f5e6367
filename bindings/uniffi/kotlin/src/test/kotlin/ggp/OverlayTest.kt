// The renderer through the Kotlin binding: the default skin on the CPU adapter, frames as
// bytes, key and fill, stills and frames on a running clock, errors. Run by ../../../../../test.sh.
package ggp

import java.io.File
import java.nio.file.Files
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class OverlayTest {
    private val width = 320u
    private val height = 180u
    private val headsUp = File("../../../examples/data/heads_up.phh").readText()

    // The default skin's landscape layout scaled from 1920x1080 to 320x180: the first seat
    // panel covers (7..113, 22..35); the middle right of the frame is empty.
    private fun alphaAt(frame: Frame, x: Int, y: Int): Int =
        frame.pixels[(y * frame.width.toInt() + x) * 4 + 3].toInt() and 0xff

    private val overlay by lazy { HandOverlay(width, height, Adapter.CPU, AlphaMode.STRAIGHT) }

    @Test
    fun rendersAPhhHandIntoRgbaBytes() {
        assertEquals(width, overlay.width())
        val frame = overlay.renderPhh(headsUp, 6u, false)
        assertEquals(width, frame.width)
        assertEquals(height, frame.height)
        assertEquals(AlphaMode.STRAIGHT, frame.alpha)
        assertEquals((width * height * 4u).toInt(), frame.pixels.size)
        assertTrue(alphaAt(frame, 60, 28) >= 240)
        assertEquals(0, alphaAt(frame, 250, 90))
        val live = overlay.renderPhh(headsUp, 6u, true)
        assertFalse(frame.pixels.contentEquals(live.pixels))
    }

    @Test
    fun rendersAHandAndItsViews() {
        val hand = Hand.fromPhh(headsUp)
        val fromHand = overlay.renderHand(hand, true)
        val fromView = overlay.renderViewJson(hand.publicViewJson())
        assertEquals(fromHand.pixels.size, fromView.pixels.size)
        assertThrows<OverlayException.InvalidView> { overlay.renderViewJson("{\"seats\": 3}") }
        assertThrows<OverlayException.HandHistory> { overlay.renderPhh("variant = ", 2u, false) }
    }

    @Test
    fun splitsKeyAndFill() {
        val frame = overlay.renderPhh(headsUp, 6u, false)
        val split = keyAndFill(frame)
        for (i in frame.pixels.indices step 4) {
            val alpha = frame.pixels[i + 3]
            assertEquals(alpha, split.key.pixels[i])
            assertEquals(255.toByte(), split.key.pixels[i + 3])
            assertEquals(255.toByte(), split.fill.pixels[i + 3])
        }
        assertThrows<OverlayException.InvalidFrameSize> {
            keyAndFill(frame.copy(pixels = ByteArray(12)))
        }
    }

    @Test
    fun premultipliedFramesKeepColourUnderAlpha() {
        val premultiplied = HandOverlay(width, height, Adapter.CPU, AlphaMode.PREMULTIPLIED)
        val frame = premultiplied.renderPhh(headsUp, 6u, false)
        assertEquals(AlphaMode.PREMULTIPLIED, frame.alpha)
        for (i in frame.pixels.indices step 4) {
            val alpha = frame.pixels[i + 3].toInt() and 0xff
            for (c in 0 until 3) assertTrue((frame.pixels[i + c].toInt() and 0xff) <= alpha)
        }
    }

    @Test
    fun playsTransitionsOnARunningClock() {
        val clock = HandOverlay(width, height, Adapter.CPU, AlphaMode.STRAIGHT)
        clock.renderPhh(headsUp, 5u, false, 0L)
        val entering = clock.renderPhh(headsUp, 6u, false, 1_100_000_000L)
        val settled = clock.renderPhh(headsUp, 6u, false, 6_000_000_000L)
        assertFalse(entering.pixels.contentEquals(settled.pixels))
        // Everything above the ticker, which scrolls with the clock and so never settles.
        val rows = (height.toInt() * 9 / 10) * width.toInt() * 4
        val still = clock.renderPhh(headsUp, 6u, false).pixels
        assertArrayEquals(settled.pixels.copyOfRange(0, rows), still.copyOfRange(0, rows))
    }

    @Test
    fun badSkinsAndSizesThrow() {
        val broken = Files.createTempFile("ggp-broken", ".toml").toFile()
        try {
            broken.writeText("[skin]\nname = \"broken\"\n[[element]]\nkind = \"nonsense\"\n")
            val error = assertThrows<OverlayException.Skin> {
                HandOverlay(width, height, Adapter.CPU, AlphaMode.STRAIGHT, broken.path)
            }
            assertTrue(error.message!!.contains(broken.name))
            assertThrows<OverlayException.Skin> { overlay.reloadSkin(broken.path) }
        } finally {
            broken.delete()
        }
        assertThrows<OverlayException.InvalidFrameSize> {
            HandOverlay(0u, height, Adapter.CPU, AlphaMode.STRAIGHT)
        }
        assertTrue(alphaAt(overlay.renderPhh(headsUp, 6u, false), 60, 28) >= 240)
    }
}
