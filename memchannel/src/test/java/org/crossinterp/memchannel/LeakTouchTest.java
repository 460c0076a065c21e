package org.crossinterp.memchannel;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** At PARANOID a leak report shows where the view was created and where it was last touched. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeakTouchTest {

  @Test
  void paranoidReportsListTheTouchesNewestFirst() throws Exception {
    LeakDetector.Level before = LeakDetector.level();
    LeakDetector.setLevel(LeakDetector.Level.PARANOID);
    CompletableFuture<LeakDetector.LeakReport> report = new CompletableFuture<>();
    try (Interpreter a = Interpreter.create("toucher");
        LeakDetector.Registration r =
            LeakDetector.addListener(l -> {
              if (l.message().contains("first stage")) {
                report.complete(l);
              }
            })) {
      MemChannel ch = MemChannel.create();
      a.call(() -> {
        ch.send(new byte[] {1, 2, 3});
        return null;
      });
      dropTouched(ch);
      LeakDetector.LeakReport got = null;
      for (int i = 0; i < 200 && got == null; i++) {
        System.gc();
        try {
          got = report.get(20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException notYet) {
          // keep collecting
        }
      }
      assertNotNull(got, "the dropped view was never reported");
      String m = got.message();
      assertTrue(m.contains("created at"), m);
      int second = m.indexOf("second stage");
      int first = m.indexOf("first stage");
      assertTrue(second >= 0 && first > second, "touches are listed newest first: " + m);
      assertTrue(m.contains("dropTouched"), "the touch stacks name the method: " + m);
      TestSupport.assertNoLiveShares(a); // the leaked view was released
    } finally {
      LeakDetector.setLevel(before);
    }
  }

  private static void dropTouched(MemChannel ch) throws InterruptedException {
    CrossInterpreterView v = ch.recv();
    v.touch("first stage").touch("second stage");
    // dropped without release
  }
}
