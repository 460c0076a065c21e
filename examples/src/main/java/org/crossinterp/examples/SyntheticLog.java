package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes deterministic web-server access-log lines in the combined log format, e.g.
 *
 * <pre>{@code
 * 10.24.7.191 - - [24/Nov/2025:00:00:03 +0000] "GET /api/v1/items/4711 HTTP/1.1" 200 5123 "-" "curl/8.5.0"
 * }</pre>
 *
 * <p>Clients are drawn with a skew, as real traffic is, so the most frequent first words (the
 * client addresses) stand out. Bytes are formatted by hand into a staging array and copied to
 * the target in blocks: 64 MiB take a fraction of a second. Same seed, same bytes.
 */
final class SyntheticLog {
  private static final int CLIENTS = 2000;
  private static final int PATHS = 400;
  private static final long START_EPOCH_SECOND = 1_763_942_400L; // 2025-11-24T00:00:00Z
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "GET", "POST", "PUT",
    "DELETE", "HEAD"};
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 304, 304, 301, 404,
    404, 500, 503};
  private static final String[] REFERRERS = {"-", "-", "-", "https://example.org/",
    "https://www.example.com/search?q=interpreters", "https://news.example.net/item?id=554"};
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/142.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 15_1) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/18.1 Safari/605.1.15",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.32.3",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
  };
  private static final String[] PATH_SHAPES = {"/", "/index.html", "/api/v1/items/", 
    "/api/v1/users/", "/static/js/app.", "/static/css/site.css", "/images/", "/search?q=",
    "/login", "/favicon.ico", "/robots.txt", "/docs/pep-0"};

  private final SplittableRandom random;
  private final byte[][] clients = new byte[CLIENTS][];
  private final byte[][] paths = new byte[PATHS][];
  private final byte[][] methods = bytes(METHODS);
  private final byte[][] referrers = bytes(REFERRERS);
  private final byte[][] agents = bytes(AGENTS);
  private final byte[] line = new byte[1024];
  private int length;
  private long second = START_EPOCH_SECOND;
  private long day = -1;
  private byte[] dayPrefix;

  private SyntheticLog(long seed) {
    random = new SplittableRandom(seed);
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] =
          ascii(
              "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1,
                  255));
    }
    for (int i = 0; i < PATHS; i++) {
      String shape = PATH_SHAPES[random.nextInt(PATH_SHAPES.length)];
      String path =
          switch (shape) {
            case "/api/v1/items/", "/images/", "/docs/pep-0" ->
                shape + random.nextInt(10_000) + (shape.equals("/images/") ? ".png" : "");
            case "/api/v1/users/" -> shape + random.nextInt(100_000) + "/orders";
            case "/static/js/app." -> shape + Long.toHexString(random.nextLong()) + ".js";
            case "/search?q=" -> shape + "word" + random.nextInt(500);
            default -> shape;
          };
      paths[i] = ascii(path);
    }
  }

  /**
   * Fills {@code target} with whole log lines, stopping before the first line that would not
   * fit.
   *
   * @param target where to write
   * @param seed the seed
   * @param progress told each block of bytes written
   * @return the number of bytes written, at most {@code target.byteSize()}
   */
  static long write(MemorySegment target, long seed, LongConsumer progress) {
    return new SyntheticLog(seed).fill(target, progress);
  }

  private long fill(MemorySegment target, LongConsumer progress) {
    byte[] block = new byte[1 << 16];
    int staged = 0;
    long written = 0;
    long capacity = target.byteSize();
    while (true) {
      nextLine();
      if (written + staged + length > capacity) {
        break;
      }
      if (staged + length > block.length) {
        MemorySegment.copy(block, 0, target, ValueLayout.JAVA_BYTE, written, staged);
        written += staged;
        progress.accept(staged);
        staged = 0;
      }
      System.arraycopy(line, 0, block, staged, length);
      staged += length;
    }
    MemorySegment.copy(block, 0, target, ValueLayout.JAVA_BYTE, written, staged);
    progress.accept(staged);
    return written + staged;
  }

  private void nextLine() {
    length = 0;
    // Skewed: low indexes are much more frequent (the cube of a uniform number).
    double u = random.nextDouble();
    put(clients[(int) (CLIENTS * u * u * u)]);
    put(" - - [");
    putTimestamp();
    put("] \"");
    put(methods[random.nextInt(methods.length)]);
    put((byte) ' ');
    put(paths[(int) (PATHS * Math.pow(random.nextDouble(), 2))]);
    put(" HTTP/1.1\" ");
    putNumber(STATUSES[random.nextInt(STATUSES.length)]);
    put((byte) ' ');
    putNumber(random.nextInt(60_000));
    put(" \"");
    put(referrers[random.nextInt(referrers.length)]);
    put("\" \"");
    put(agents[random.nextInt(agents.length)]);
    put("\"\n");
    second += random.nextInt(3);
  }

  private void putTimestamp() {
    long today = Math.floorDiv(second, 86_400);
    if (today != day) {
      day = today;
      LocalDate date = LocalDate.ofEpochDay(today);
      dayPrefix =
          ascii(
              String.format(
                  Locale.ROOT,
                  "%02d/%s/%d:",
                  date.getDayOfMonth(),
                  date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT),
                  date.getYear()));
    }
    put(dayPrefix);
    int s = Math.floorMod(second, 86_400);
    putTwoDigits(s / 3600);
    put((byte) ':');
    putTwoDigits(s / 60 % 60);
    put((byte) ':');
    putTwoDigits(s % 60);
    put(" +0000");
  }

  private void put(byte b) {
    line[length++] = b;
  }

  private void put(byte[] bytes) {
    System.arraycopy(bytes, 0, line, length, bytes.length);
    length += bytes.length;
  }

  private void put(String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      line[length++] = (byte) ascii.charAt(i);
    }
  }

  private void putTwoDigits(int value) {
    line[length++] = (byte) ('0' + value / 10);
    line[length++] = (byte) ('0' + value % 10);
  }

  private void putNumber(int value) {
    int start = length;
    do {
      line[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = line[i];
      line[i] = line[j];
      line[j] = t;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] bytes(String[] strings) {
    byte[][] out = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      out[i] = ascii(strings[i]);
    }
    return out;
  }
}
