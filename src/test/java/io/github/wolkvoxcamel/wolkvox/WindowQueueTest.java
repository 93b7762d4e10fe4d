package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WindowQueueTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 5, 1, 0, 0);

    @Test
    void halvesMeetWithoutGapOrOverlap() {
        Window window = new Window(T, T.plusDays(1).minusSeconds(1));
        Window[] halves = window.halves();
        assertEquals(new Window(T, T.plusHours(12).minusSeconds(1)), halves[0]);
        assertEquals(new Window(T.plusHours(12), T.plusDays(1).minusSeconds(1)), halves[1]);
        Window odd = new Window(T, T.plusSeconds(2));
        assertEquals(odd.span(), odd.halves()[0].span().plus(odd.halves()[1].span()));
        assertThrows(IllegalStateException.class, () -> new Window(T, T).halves());
    }

    @Test
    void aSplitWindowIsReplacedByItsHalvesInOrder() {
        Window first = new Window(T, T.plusDays(2).minusSeconds(1));
        Window second = new Window(T.plusDays(2), T.plusDays(3).minusSeconds(1));
        WindowQueue queue = new WindowQueue(List.of(first, second));
        List<Window> fetched = new ArrayList<>();
        while (queue.hasNext()) {
            Window window = queue.next();
            if (window.span().compareTo(Duration.ofDays(1)) > 0) {
                queue.splitNext(window);
            } else {
                fetched.add(window);
            }
        }
        assertEquals(List.of(new Window(T, T.plusDays(1).minusSeconds(1)), new Window(T.plusDays(1), T.plusDays(2).minusSeconds(1)), second),
                fetched);
        assertEquals(4, queue.total());
    }

    @Test
    void theWindowsToComeAreCutAgainToTheSpanTheDataNeeds() {
        WindowQueue queue = new WindowQueue(List.of(new Window(T, T.plusDays(1).minusSeconds(1)),
                new Window(T.plusDays(1), T.plusDays(2).minusSeconds(1))));
        queue.rechunk(Duration.ofHours(12));
        List<Window> windows = new ArrayList<>();
        queue.forEachRemaining(windows::add);
        assertEquals(4, windows.size());
        assertEquals(new Window(T.plusHours(12), T.plusDays(1).minusSeconds(1)), windows.get(1));
        assertEquals(T.plusDays(2).minusSeconds(1), windows.get(3).end());
    }

    @Test
    void aFullWindowIsCutWhereItsAnswerStopped() {
        Window window = new Window(T, T.plusDays(1).minusSeconds(1));
        WindowQueue queue = new WindowQueue(List.of());
        queue.splitNext(window, T.plusHours(3));
        assertEquals(new Window(T, T.plusHours(3).minusSeconds(1)), queue.next());
        assertEquals(new Window(T.plusHours(3), T.plusDays(1).minusSeconds(1)), queue.next());
        assertThrows(IllegalStateException.class, () -> window.splitAt(T));
    }
}
