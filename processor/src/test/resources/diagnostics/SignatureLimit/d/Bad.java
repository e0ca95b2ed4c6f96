package d;

import io.github.busgen.annotation.DBusInterface;

import java.util.List;

@DBusInterface("com.example.Bad")
interface Bad {
    void tooDeep(List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List< //!
            List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<Integer>>>>>>>>>>>>>>>>>
            >>>>>>>>>>>>>>>> values);
}
