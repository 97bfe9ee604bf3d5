package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prune.data.CifarFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prune run end to end on DL4J, on a small CIFAR-10-format folder the test writes. */
@Tag("slow")
class CifarRunTest {
    @TempDir
    Path dir;

    private Path recipe(String model, String data) throws IOException {
        Path file = dir.resolve("r.prune");
        Files.writeString(file, """
                seed 3
                model %s
                data %s
                optimizer sgd(momentum=0.9)
                lr 0.02
                train 3 epochs
                prune global l1 by 50%% every cycle
                retrain 1 epoch
                run 1 cycle
                """.formatted(model, data));
        return file;
    }

    private String cifar() throws IOException {
        return "cifar10(dir=\"" + CifarFiles.cifar10(dir.resolve("cifar"), 40, 50) + "\", val=20, batch=20, "
                + "augment=augment(crop=2), noise=10%)";
    }

    @Test
    void anMlpOn3072InputsTrainsWithAugmentationNoiseAndNormalisationRecorded() throws IOException {
        Path recipe = recipe("mlp(3072, 64, 10)", cifar());
        Path out = dir.resolve("a");
        CliTest.Result r = CliTest.prune("run", recipe.toString(), "--out", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(1 + 3 + 1, Files.readAllLines(out.resolve("epochs.csv")).size(),
                "an epoch is one pass over the 180 training records in the files, not over CIFAR-10's 50,000");
        String[] last = Files.readAllLines(out.resolve("cycles.csv")).get(2).split(",");
        double accuracy = Double.parseDouble(last[2]);
        assertTrue(accuracy > 0.3, "well above the 10% of chance on learnable classes: " + accuracy);
        JsonNode data = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("data");
        assertEquals("cifar10", data.get("name").asText());
        assertTrue(data.get("fingerprint").asText().endsWith(":noise=0.1:normalize:crop=2,flip=true"),
                data.get("fingerprint").asText());
        assertEquals(18, data.get("label_noise").get("flipped").asInt(), "10% of the 180 training examples");
        assertEquals(3, data.get("normalize").get("mean").size());
        assertEquals(2, data.get("augment").get("crop").asInt());
        assertTrue(data.get("augment").get("flip").asBoolean());

        Path again = dir.resolve("b");
        CliTest.prune("run", recipe.toString(), "--out", again.toString());
        assertEquals(RecordsRunTest.withoutSeconds(out.resolve("cycles.csv")),
                RecordsRunTest.withoutSeconds(again.resolve("cycles.csv")), "augmented runs replay exactly");
    }

    @Test
    void aConvNetTakesTheThreeChannels() throws IOException {
        CifarFiles.cifar10(dir.resolve("cifar"), 8, 10);
        Path file = dir.resolve("conv.prune");
        Files.writeString(file, """
                model lenet5
                data cifar10(dir="%s", batch=20, augment=true)
                lr 0.01
                train 1 epoch
                """.formatted(dir.resolve("cifar")));
        CliTest.Result r = CliTest.prune("run", file.toString(), "--out", dir.resolve("c").toString());
        assertEquals(Main.OK, r.code(), r.err());
    }

    @Test
    void aDamagedFileFoundWhileReadingIsOneSentenceAndExitOne() throws IOException {
        String data = cifar();
        Path batch = dir.resolve("cifar/data_batch_4.bin");
        byte[] bytes = Files.readAllBytes(batch);
        bytes[3073] = (byte) 200;
        Files.write(batch, bytes);
        CliTest.Result r = CliTest.prune("run", recipe("mlp(3072, 10)", data).toString(),
                "--out", dir.resolve("d").toString());
        assertEquals(Main.RUN_FAILED, r.code(), r.err());
        assertTrue(r.err().contains(batch + " has label 200 in record 1 but CIFAR-10 has only 10 classes"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void checkNamesTheDataLineWhenTheFolderIsMissing() throws IOException {
        Path recipe = recipe("lenet_300_100", "cifar10(dir=\"" + dir.resolve("none") + "\")");
        CliTest.Result r = CliTest.prune("check", recipe.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().contains("r.prune:3:6: error: no CIFAR-10 files in " + dir.resolve("none")), r.err());
        CifarFiles.cifar10(dir.resolve("none"), 1, 1);
        assertEquals(Main.OK, CliTest.prune("check", recipe.toString()).code());
    }
}
