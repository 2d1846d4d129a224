package dev.feedkit.contract;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The cells a rule group runs in: those of {@link FeedVariant#all()} that its {@link Cells}
 * admits, in the matrix's order; every cell for a group that declares none.
 */
final class GroupCells implements ArgumentsProvider {

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    Cells cells = context.getRequiredTestClass().getAnnotation(Cells.class);
    return FeedVariant.all().stream().filter(cell -> admits(cells, cell)).map(Arguments::of);
  }

  private static boolean admits(Cells cells, FeedVariant cell) {
    return cells == null
        || (List.of(cells.fanout()).contains(Cells.Fanout.of(cell))
            && List.of(cells.cache()).contains(Cells.Cache.of(cell)));
  }
}
