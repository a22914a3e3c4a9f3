package com.callaback.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

/**
 * The simulator's voicemail recordings: what a simulated caller "said", so the voicemail player in a conversation
 * plays something in dev mode. Every recording is the same two-second tone (a WAV made here, no file shipped).
 */
@Path("/simulator/twilio/recordings/{sid}")
public class SimulatedRecordingResource {

    private static final int SAMPLE_RATE = 8000;
    private static final byte[] TONE = tone(440, 2);

    @Inject
    SimulatorConfig config;

    @GET
    @Produces("audio/wav")
    public byte[] recording(@PathParam("sid") String sid) {
        if (!config.enabled() || !sid.matches("CA[0-9a-fA-F]{32}")) {
            throw new NotFoundException();
        }
        return TONE;
    }

    /** A mono 8 kHz 16-bit PCM WAV of a sine tone, fading in and out so it does not click. */
    static byte[] tone(int hertz, int seconds) {
        int samples = SAMPLE_RATE * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double fade = Math.min(1.0, Math.min(i, samples - i) / (SAMPLE_RATE * 0.05));
            pcm.putShort((short) (Math.sin(2 * Math.PI * hertz * i / SAMPLE_RATE) * 8000 * fade));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        ByteArrayOutputStream wav = new ByteArrayOutputStream(44 + samples * 2);
        wav.writeBytes(header.array());
        wav.writeBytes(pcm.array());
        return wav.toByteArray();
    }
}
