package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** A w x h image of one colour, written as PNG (or JPEG when the name says so). */
    static void image(Path file, int w, int h, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertTrue(ImageIO.write(img, format, file.toFile()), "this Java writes " + format);
    }

    private static ImageFolder.Options options(int size, int channels, double testShare, int val) {
        return new ImageFolder.Options(size, channels, testShare, 0, 0, val);
    }

    @Test
    void trainAndValFoldersAreTheSplitsAndClassesAreSortedFolderNames() throws Exception {
        for (int i = 0; i < 3; i++) {
            image(dir.resolve("train/red/" + i + ".png"), 40, 20, 0xFF0000);
            image(dir.resolve("train/blue/" + i + ".png"), 10, 10, 0x0000FF);
        }
        image(dir.resolve("val/red/a.png"), 8, 8, 0xFF0000);
        image(dir.resolve("val/blue/b.png"), 8, 8, 0x0000FF);
        DataSplit s = ImageFolder.load("imgs", dir, options(4, 3, 0.2, 0), 1);
        assertEquals(6, s.train().count());
        assertEquals(2, s.test().count());
        assertEquals(2, s.train().classes());
        assertEquals(3, s.train().channels());
        assertEquals(4, s.train().height());
        // "blue" sorts first, so it is class 0; classes take turns, so row 0 is blue and row 1 red.
        assertEquals(0, s.train().label(0));
        assertEquals(1, s.train().label(1));
        float[] f = s.train().features();
        assertEquals(0f, f[0]);
        assertEquals(1f, f[2 * 16]);
        assertEquals(1f, f[48], "red image's red plane");
        assertEquals(0f, f[48 + 16], "red image's green plane");
        assertEquals(new ImageFolder.Counts(2, 6), ImageFolder.counts(dir, options(4, 3, 0.2, 0)));
    }

    @Test
    void withoutTrainAndValAShareIsHeldOutAsTestAndGreyIsLuma() throws Exception {
        for (int i = 0; i < 5; i++) {
            image(dir.resolve("a/" + i + ".png"), 6, 6, 0x808080);
            image(dir.resolve("b/" + i + ".jpg"), 6, 6, 0xFFFFFF);
        }
        DataSplit s = ImageFolder.load("imgs", dir, options(3, 1, 0.2, 1), 4);
        assertEquals(7, s.train().count());
        assertEquals(1, s.validation().count());
        assertEquals(2, s.test().count());
        assertEquals(1, s.train().channels());
        assertEquals(128 / 255f, s.train().features()[0], 1e-6f);
        assertEquals(s.train(), ImageFolder.load("imgs", dir, options(3, 1, 0.2, 1), 4).train(), "seeded");
        assertEquals(new ImageFolder.Counts(2, 8), ImageFolder.counts(dir, options(3, 1, 0.2, 1)));
    }

    @Test
    void problemsAreOneSentenceWithThePath() throws Exception {
        Path none = dir.resolve("none");
        assertEquals(Optional.of("no images in " + none + ": it does not exist; expected a folder per class of PNG"
                + " or JPEG files"), ImageFolder.problem(none));
        image(dir.resolve("only/x.png"), 2, 2, 0);
        assertEquals(Optional.of(dir + " has 1 class folder but a dataset needs at least 2; expected a folder per"
                + " class of PNG or JPEG files"), ImageFolder.problem(dir));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/broken.png"), "not an image");
        DataException e = assertThrows(DataException.class,
                () -> ImageFolder.load("imgs", dir, options(4, 3, 0, 0), 1));
        assertEquals(dir.resolve("empty/broken.png") + " is not a PNG or JPEG image this Java can read;"
                + " replace or remove it", e.getMessage());
    }
}
