// The frame pipeline through the Kotlin binding: a generated 320x180 clip to two files with
// the software overlay, a hand and an event pushed, frames in a listener, metrics, stop
// and wait, and errors. Run by ../../../../../test.sh.
package ggp

import java.io.File
import java.nio.file.Files
import java.util.concurrent.CopyOnWriteArrayList
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class PipelineTest {
    private val hand = """
        variant = "NT"
        antes = [0, 0]
        blinds_or_straddles = [50, 100]
        min_bet = 100
        starting_stacks = [10000, 8500]
        actions = ["d dh p1 AhQh", "d dh p2 9s9d", "p2 cbr 250", "p1 cc"]
    """.trimIndent()

    private val event = """{"type": "card", "timestamp_ns": 500000000, "card": "Ah",
        "location": {"kind": "hole", "seat": 0, "slot": 0}, "present": true,
        "source": "rfid", "confidence": 1.0}"""

    private fun settings(dir: File, seconds: Double, frames: String = ""): String = """
        graphics = "basic"
        [source]
        kind = "test_pattern"
        width = 320
        height = 180
        duration_s = $seconds
        tone_hz = 0
        [outputs]
        program = ["${File(dir, "program.mp4").path}"]
        live = ["${File(dir, "live.mkv").path}"]
        [encoder]
        preset = "ultrafast"
        [frames]
        $frames
    """.trimIndent()

    private fun number(json: String, field: String): Long =
        Regex("\"$field\":(\\d+)").find(json)?.groupValues?.get(1)?.toLong()
            ?: throw AssertionError("no $field in $json")

    @Test
    fun aClipRunsWithEventsFramesAndMetricsThenStops() {
        val dir = Files.createTempDirectory("ggp-kotlin-pipeline").toFile()
        try {
            val frames = CopyOnWriteArrayList<PipelineFrame>()
            lateinit var pipeline: Pipeline
            val listener = object : FrameListener {
                override fun onFrame(frame: PipelineFrame) {
                    frames.add(frame)
                    if (frames.size == 10) pipeline.stop()
                }
            }
            pipeline = Pipeline.open(settings(dir, 60.0, "live = false\npolicy = \"block\""), null, null)
            assertTrue(pipeline.pushHandPhh(hand, 0L) > 0L)
            assertTrue(pipeline.pushEventJson(event))
            pipeline.setFrameListener(listener)
            assertEquals(1L, number(pipeline.metricsJson(), "events"))
            assertTrue(pipeline.prometheus().contains("ggp_pipeline_frames_in_total"))

            val report = pipeline.wait()
            assertTrue(pipeline.isFinished())
            val programFrames = number(report, "program_frames_out")
            assertTrue(programFrames in 1 until 1800, report)
            assertEquals(0L, number(report, "rejected_actions"))
            assertEquals(report, pipeline.wait())
            for (name in listOf("program.mp4", "live.mkv")) {
                assertTrue(File(dir, name).length() > 0, name)
            }
            assertTrue(frames.size >= 10)
            val first = frames[0]
            assertEquals(FeedKind.PROGRAM, first.feed)
            assertEquals(VideoFrameFormat.RGBA, first.format)
            assertEquals(320u, first.width)
            assertEquals(first.strides[0].toInt() * 180, first.planes[0].size)
            assertThrows<PipelineException.Finished> { pipeline.pushEventJson(event) }
        } finally {
            dir.deleteRecursively()
        }
    }

    @Test
    fun badSettingsAndInputThrow() {
        assertThrows<PipelineException.Settings> { Pipeline.open("[source]\nkind = \"nonsense\"\n", null, null) }
        assertThrows<PipelineException.Settings> { Pipeline.open("{}", "yaml", null) }
        val dir = Files.createTempDirectory("ggp-kotlin-pipeline").toFile()
        try {
            val pipeline = Pipeline.open(settings(dir, 30.0), "toml", null)
            assertThrows<PipelineException.Input> { pipeline.pushEventJson("{\"type\": \"nonsense\"}") }
            assertThrows<PipelineException.Input> { pipeline.pushHandPhh("variant = ", null) }
            pipeline.stop()
            pipeline.wait()
        } finally {
            dir.deleteRecursively()
        }
    }
}
