package d;

import io.github.busgen.annotation.DBusInterface;

import java.util.List;

@DBusInterface("com.example.Bad")
interface Bad {
    void f(Tree tree);

    record Tree(String name,
                List<Tree> children) { //!
    }
}
